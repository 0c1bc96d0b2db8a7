*** Settings ***
Documentation    Some administration routes need a particular scope in the bearer token, not
...              just an administrator behind it: an administrator who logged in for user
...              management only (scope ``admin:users``) cannot read the security trail, the
...              audit trail or the logs, nor reload the configuration.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    ${method} ${path} Should Need ${scope} In The Token

Test Tags        admin


*** Test Cases ***    METHOD    PATH    SCOPE
Security Events    GET    ${ADMIN_SECURITY_EVENTS_PATH}    admin:security
Audit Activity    GET    ${ADMIN_AUDIT_PATH}    admin:audit
Configuration Reload    [Tags]    destructive
    POST    ${ADMIN_CONFIG_RELOAD_PATH}    admin:system
Error Logs    GET    ${ADMIN_ERROR_LOGS_PATH}    admin:logs
