*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the administration routes (§11).
...
...              Every route of the contract (§3–§11) is called by five kinds of caller: nobody
...              (no token), the normal user, the admin, the service client's token, and a user
...              who holds exactly one ``admin:*`` scope through a role of its own. Such a scope
...              is not admin rights (§2: an admin is a superuser or holds the role ``admin``):
...              it opens only the routes that ask for that very scope (§7 permissions, §10
...              session statistics and clean-up, §11 security events, audit, configuration
...              reload and error logs), so on those routes a holder of another admin scope is
...              refused too. Public routes answer without a token.
...
...              A wrongly allowed request acts on a throwaway resource made for the test, never on
...              shared data. The routes and the expected answers are data:
...              variables/authorization_matrix.py; this file is written from it by
...              tools/build/authorization_matrix.py (do not edit it by hand).

Resource         ../../../resources/authorization.resource

Test Teardown    Remove Temporary Data
Test Template    Route Should Answer The Caller As The Contract Says

Test Tags        admin    authorization-matrix


*** Test Cases ***
Anonymous Caller Gets 401 On GET /api/v1/admin/dashboard/stats
    anonymous    GET /api/v1/admin/dashboard/stats    401
Normal User Gets 403 On GET /api/v1/admin/dashboard/stats
    normal user    GET /api/v1/admin/dashboard/stats    403
Admin Gets 200 On GET /api/v1/admin/dashboard/stats
    admin    GET /api/v1/admin/dashboard/stats    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/dashboard/stats
    service token    GET /api/v1/admin/dashboard/stats    401|403
Holder Of admin:security Only Gets 403 On GET /api/v1/admin/dashboard/stats
    holder of admin:security    GET /api/v1/admin/dashboard/stats    403
Anonymous Caller Gets 401 On GET /api/v1/admin/system/health
    anonymous    GET /api/v1/admin/system/health    401
Normal User Gets 403 On GET /api/v1/admin/system/health
    normal user    GET /api/v1/admin/system/health    403
Admin Gets 200 On GET /api/v1/admin/system/health
    admin    GET /api/v1/admin/system/health    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/system/health
    service token    GET /api/v1/admin/system/health    401|403
Holder Of admin:system Only Gets 403 On GET /api/v1/admin/system/health
    holder of admin:system    GET /api/v1/admin/system/health    403
Anonymous Caller Gets 401 On GET /api/v1/admin/security/events
    anonymous    GET /api/v1/admin/security/events    401
Normal User Gets 403 On GET /api/v1/admin/security/events
    normal user    GET /api/v1/admin/security/events    403
Admin Gets 200 On GET /api/v1/admin/security/events
    admin    GET /api/v1/admin/security/events    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/security/events
    service token    GET /api/v1/admin/security/events    401|403
Holder Of admin:security Only Gets 200 On GET /api/v1/admin/security/events
    holder of admin:security    GET /api/v1/admin/security/events    200
Holder Of admin:audit Only Gets 403 On GET /api/v1/admin/security/events
    holder of admin:audit    GET /api/v1/admin/security/events    403
Anonymous Caller Gets 401 On GET /api/v1/admin/audit/activity
    anonymous    GET /api/v1/admin/audit/activity    401
Normal User Gets 403 On GET /api/v1/admin/audit/activity
    normal user    GET /api/v1/admin/audit/activity    403
Admin Gets 200 On GET /api/v1/admin/audit/activity
    admin    GET /api/v1/admin/audit/activity    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/audit/activity
    service token    GET /api/v1/admin/audit/activity    401|403
Holder Of admin:audit Only Gets 200 On GET /api/v1/admin/audit/activity
    holder of admin:audit    GET /api/v1/admin/audit/activity    200
Holder Of admin:security Only Gets 403 On GET /api/v1/admin/audit/activity
    holder of admin:security    GET /api/v1/admin/audit/activity    403
Anonymous Caller Gets 401 On POST /api/v1/admin/maintenance/cleanup
    anonymous    POST /api/v1/admin/maintenance/cleanup    401
Normal User Gets 403 On POST /api/v1/admin/maintenance/cleanup
    normal user    POST /api/v1/admin/maintenance/cleanup    403
Admin Gets 200 On POST /api/v1/admin/maintenance/cleanup
    [Tags]    destructive
    admin    POST /api/v1/admin/maintenance/cleanup    200
Service Token Gets 401 Or 403 On POST /api/v1/admin/maintenance/cleanup
    service token    POST /api/v1/admin/maintenance/cleanup    401|403
Holder Of admin:system Only Gets 403 On POST /api/v1/admin/maintenance/cleanup
    holder of admin:system    POST /api/v1/admin/maintenance/cleanup    403
Anonymous Caller Gets 401 On GET /api/v1/admin/reports/usage
    anonymous    GET /api/v1/admin/reports/usage    401
Normal User Gets 403 On GET /api/v1/admin/reports/usage
    normal user    GET /api/v1/admin/reports/usage    403
Admin Gets 200 On GET /api/v1/admin/reports/usage
    admin    GET /api/v1/admin/reports/usage    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/reports/usage
    service token    GET /api/v1/admin/reports/usage    401|403
Holder Of admin:audit Only Gets 403 On GET /api/v1/admin/reports/usage
    holder of admin:audit    GET /api/v1/admin/reports/usage    403
Anonymous Caller Gets 401 On POST /api/v1/admin/config/reload
    anonymous    POST /api/v1/admin/config/reload    401
Normal User Gets 403 On POST /api/v1/admin/config/reload
    normal user    POST /api/v1/admin/config/reload    403
Admin Gets 200 On POST /api/v1/admin/config/reload
    [Tags]    destructive
    admin    POST /api/v1/admin/config/reload    200
Service Token Gets 401 Or 403 On POST /api/v1/admin/config/reload
    service token    POST /api/v1/admin/config/reload    401|403
Holder Of admin:system Only Gets 200 On POST /api/v1/admin/config/reload
    [Tags]    destructive
    holder of admin:system    POST /api/v1/admin/config/reload    200
Holder Of admin:logs Only Gets 403 On POST /api/v1/admin/config/reload
    holder of admin:logs    POST /api/v1/admin/config/reload    403
Anonymous Caller Gets 401 On GET /api/v1/admin/logs/errors
    anonymous    GET /api/v1/admin/logs/errors    401
Normal User Gets 403 On GET /api/v1/admin/logs/errors
    normal user    GET /api/v1/admin/logs/errors    403
Admin Gets 200 On GET /api/v1/admin/logs/errors
    admin    GET /api/v1/admin/logs/errors    200
Service Token Gets 401 Or 403 On GET /api/v1/admin/logs/errors
    service token    GET /api/v1/admin/logs/errors    401|403
Holder Of admin:logs Only Gets 200 On GET /api/v1/admin/logs/errors
    holder of admin:logs    GET /api/v1/admin/logs/errors    200
Holder Of admin:system Only Gets 403 On GET /api/v1/admin/logs/errors
    holder of admin:system    GET /api/v1/admin/logs/errors    403
