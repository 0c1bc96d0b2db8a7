*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the role, scope and permission routes (§7).
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

Test Tags        roles    authorization-matrix


*** Test Cases ***
Anonymous Caller Gets 401 On GET /api/v1/roles/
    anonymous    GET /api/v1/roles/    401
Normal User Gets 403 On GET /api/v1/roles/
    normal user    GET /api/v1/roles/    403
Admin Gets 200 On GET /api/v1/roles/
    admin    GET /api/v1/roles/    200
Service Token Gets 401 Or 403 On GET /api/v1/roles/
    service token    GET /api/v1/roles/    401|403
Holder Of admin:roles Only Gets 403 On GET /api/v1/roles/
    holder of admin:roles    GET /api/v1/roles/    403
Anonymous Caller Gets 401 On POST /api/v1/roles/
    anonymous    POST /api/v1/roles/    401
Normal User Gets 403 On POST /api/v1/roles/
    normal user    POST /api/v1/roles/    403
Admin Gets 201 On POST /api/v1/roles/
    admin    POST /api/v1/roles/    201
Service Token Gets 401 Or 403 On POST /api/v1/roles/
    service token    POST /api/v1/roles/    401|403
Holder Of admin:roles Only Gets 403 On POST /api/v1/roles/
    holder of admin:roles    POST /api/v1/roles/    403
Anonymous Caller Gets 401 On GET /api/v1/roles/{role_id}
    anonymous    GET /api/v1/roles/{role_id}    401
Normal User Gets 403 On GET /api/v1/roles/{role_id}
    normal user    GET /api/v1/roles/{role_id}    403
Admin Gets 200 On GET /api/v1/roles/{role_id}
    admin    GET /api/v1/roles/{role_id}    200
Service Token Gets 401 Or 403 On GET /api/v1/roles/{role_id}
    service token    GET /api/v1/roles/{role_id}    401|403
Holder Of admin:roles Only Gets 403 On GET /api/v1/roles/{role_id}
    holder of admin:roles    GET /api/v1/roles/{role_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/roles/{role_id}
    anonymous    PUT /api/v1/roles/{role_id}    401
Normal User Gets 403 On PUT /api/v1/roles/{role_id}
    normal user    PUT /api/v1/roles/{role_id}    403
Admin Gets 200 On PUT /api/v1/roles/{role_id}
    admin    PUT /api/v1/roles/{role_id}    200
Service Token Gets 401 Or 403 On PUT /api/v1/roles/{role_id}
    service token    PUT /api/v1/roles/{role_id}    401|403
Holder Of admin:roles Only Gets 403 On PUT /api/v1/roles/{role_id}
    holder of admin:roles    PUT /api/v1/roles/{role_id}    403
Anonymous Caller Gets 401 On DELETE /api/v1/roles/{role_id}
    anonymous    DELETE /api/v1/roles/{role_id}    401
Normal User Gets 403 On DELETE /api/v1/roles/{role_id}
    normal user    DELETE /api/v1/roles/{role_id}    403
Admin Gets 204 On DELETE /api/v1/roles/{role_id}
    admin    DELETE /api/v1/roles/{role_id}    204
Service Token Gets 401 Or 403 On DELETE /api/v1/roles/{role_id}
    service token    DELETE /api/v1/roles/{role_id}    401|403
Holder Of admin:roles Only Gets 403 On DELETE /api/v1/roles/{role_id}
    holder of admin:roles    DELETE /api/v1/roles/{role_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/roles/{role_id}/scopes
    anonymous    PUT /api/v1/roles/{role_id}/scopes    401
Normal User Gets 403 On PUT /api/v1/roles/{role_id}/scopes
    normal user    PUT /api/v1/roles/{role_id}/scopes    403
Admin Gets 200 On PUT /api/v1/roles/{role_id}/scopes
    admin    PUT /api/v1/roles/{role_id}/scopes    200
Service Token Gets 401 Or 403 On PUT /api/v1/roles/{role_id}/scopes
    service token    PUT /api/v1/roles/{role_id}/scopes    401|403
Holder Of admin:roles Only Gets 403 On PUT /api/v1/roles/{role_id}/scopes
    holder of admin:roles    PUT /api/v1/roles/{role_id}/scopes    403
Anonymous Caller Gets 401 On GET /api/v1/roles/scopes/
    anonymous    GET /api/v1/roles/scopes/    401
Normal User Gets 403 On GET /api/v1/roles/scopes/
    normal user    GET /api/v1/roles/scopes/    403
Admin Gets 200 On GET /api/v1/roles/scopes/
    admin    GET /api/v1/roles/scopes/    200
Service Token Gets 401 Or 403 On GET /api/v1/roles/scopes/
    service token    GET /api/v1/roles/scopes/    401|403
Holder Of admin:roles Only Gets 403 On GET /api/v1/roles/scopes/
    holder of admin:roles    GET /api/v1/roles/scopes/    403
Anonymous Caller Gets 401 On POST /api/v1/roles/scopes/
    anonymous    POST /api/v1/roles/scopes/    401
Normal User Gets 403 On POST /api/v1/roles/scopes/
    normal user    POST /api/v1/roles/scopes/    403
Admin Gets 201 On POST /api/v1/roles/scopes/
    admin    POST /api/v1/roles/scopes/    201
Service Token Gets 401 Or 403 On POST /api/v1/roles/scopes/
    service token    POST /api/v1/roles/scopes/    401|403
Holder Of admin:roles Only Gets 403 On POST /api/v1/roles/scopes/
    holder of admin:roles    POST /api/v1/roles/scopes/    403
Anonymous Caller Gets 401 On GET /api/v1/roles/scopes/{scope_id}
    anonymous    GET /api/v1/roles/scopes/{scope_id}    401
Normal User Gets 403 On GET /api/v1/roles/scopes/{scope_id}
    normal user    GET /api/v1/roles/scopes/{scope_id}    403
Admin Gets 200 On GET /api/v1/roles/scopes/{scope_id}
    admin    GET /api/v1/roles/scopes/{scope_id}    200
Service Token Gets 401 Or 403 On GET /api/v1/roles/scopes/{scope_id}
    service token    GET /api/v1/roles/scopes/{scope_id}    401|403
Holder Of admin:roles Only Gets 403 On GET /api/v1/roles/scopes/{scope_id}
    holder of admin:roles    GET /api/v1/roles/scopes/{scope_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/roles/scopes/{scope_id}
    anonymous    PUT /api/v1/roles/scopes/{scope_id}    401
Normal User Gets 403 On PUT /api/v1/roles/scopes/{scope_id}
    normal user    PUT /api/v1/roles/scopes/{scope_id}    403
Admin Gets 200 On PUT /api/v1/roles/scopes/{scope_id}
    admin    PUT /api/v1/roles/scopes/{scope_id}    200
Service Token Gets 401 Or 403 On PUT /api/v1/roles/scopes/{scope_id}
    service token    PUT /api/v1/roles/scopes/{scope_id}    401|403
Holder Of admin:roles Only Gets 403 On PUT /api/v1/roles/scopes/{scope_id}
    holder of admin:roles    PUT /api/v1/roles/scopes/{scope_id}    403
Anonymous Caller Gets 401 On DELETE /api/v1/roles/scopes/{scope_id}
    anonymous    DELETE /api/v1/roles/scopes/{scope_id}    401
Normal User Gets 403 On DELETE /api/v1/roles/scopes/{scope_id}
    normal user    DELETE /api/v1/roles/scopes/{scope_id}    403
Admin Gets 204 On DELETE /api/v1/roles/scopes/{scope_id}
    admin    DELETE /api/v1/roles/scopes/{scope_id}    204
Service Token Gets 401 Or 403 On DELETE /api/v1/roles/scopes/{scope_id}
    service token    DELETE /api/v1/roles/scopes/{scope_id}    401|403
Holder Of admin:roles Only Gets 403 On DELETE /api/v1/roles/scopes/{scope_id}
    holder of admin:roles    DELETE /api/v1/roles/scopes/{scope_id}    403
Anonymous Caller Gets 401 On POST /api/v1/roles/permissions/check
    anonymous    POST /api/v1/roles/permissions/check    401
Normal User Gets 403 On POST /api/v1/roles/permissions/check
    normal user    POST /api/v1/roles/permissions/check    403
Admin Gets 200 On POST /api/v1/roles/permissions/check
    admin    POST /api/v1/roles/permissions/check    200
Service Token Gets 401 Or 403 On POST /api/v1/roles/permissions/check
    service token    POST /api/v1/roles/permissions/check    401|403
Holder Of admin:permissions Only Gets 200 On POST /api/v1/roles/permissions/check
    holder of admin:permissions    POST /api/v1/roles/permissions/check    200
Holder Of admin:users Only Gets 403 On POST /api/v1/roles/permissions/check
    holder of admin:users    POST /api/v1/roles/permissions/check    403
Anonymous Caller Gets 401 On POST /api/v1/roles/permissions/check-bulk
    anonymous    POST /api/v1/roles/permissions/check-bulk    401
Normal User Gets 403 On POST /api/v1/roles/permissions/check-bulk
    normal user    POST /api/v1/roles/permissions/check-bulk    403
Admin Gets 200 On POST /api/v1/roles/permissions/check-bulk
    admin    POST /api/v1/roles/permissions/check-bulk    200
Service Token Gets 401 Or 403 On POST /api/v1/roles/permissions/check-bulk
    service token    POST /api/v1/roles/permissions/check-bulk    401|403
Holder Of admin:permissions Only Gets 200 On POST /api/v1/roles/permissions/check-bulk
    holder of admin:permissions    POST /api/v1/roles/permissions/check-bulk    200
Holder Of admin:users Only Gets 403 On POST /api/v1/roles/permissions/check-bulk
    holder of admin:users    POST /api/v1/roles/permissions/check-bulk    403
Anonymous Caller Gets 401 On GET /api/v1/roles/permissions/user/{user_id}
    anonymous    GET /api/v1/roles/permissions/user/{user_id}    401
Normal User Gets 403 On GET /api/v1/roles/permissions/user/{user_id}
    normal user    GET /api/v1/roles/permissions/user/{user_id}    403
Admin Gets 200 On GET /api/v1/roles/permissions/user/{user_id}
    admin    GET /api/v1/roles/permissions/user/{user_id}    200
Service Token Gets 401 Or 403 On GET /api/v1/roles/permissions/user/{user_id}
    service token    GET /api/v1/roles/permissions/user/{user_id}    401|403
Holder Of admin:permissions Only Gets 200 On GET /api/v1/roles/permissions/user/{user_id}
    holder of admin:permissions    GET /api/v1/roles/permissions/user/{user_id}    200
Holder Of admin:users Only Gets 403 On GET /api/v1/roles/permissions/user/{user_id}
    holder of admin:users    GET /api/v1/roles/permissions/user/{user_id}    403
