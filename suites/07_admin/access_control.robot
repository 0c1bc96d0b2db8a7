*** Settings ***
Documentation    The administration routes reveal and change the whole service. Nobody but an
...              administrator may use them: an anonymous caller is asked to authenticate, a
...              signed-in normal user is forbidden (contract §11, §8.4).

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    ${method} ${path} Should Refuse Outsiders

Test Tags        admin    critical


*** Test Cases ***    METHOD    PATH
Dashboard Statistics    GET    ${ADMIN_DASHBOARD_PATH}
System Health Report    GET    ${ADMIN_SYSTEM_HEALTH_PATH}
Security Events    GET    ${ADMIN_SECURITY_EVENTS_PATH}
Audit Activity    GET    ${ADMIN_AUDIT_PATH}
Maintenance Clean-Up    POST    ${ADMIN_MAINTENANCE_CLEANUP_PATH}
Usage Report    GET    ${ADMIN_USAGE_REPORT_PATH}
Configuration Reload    POST    ${ADMIN_CONFIG_RELOAD_PATH}
Error Logs    GET    ${ADMIN_ERROR_LOGS_PATH}
