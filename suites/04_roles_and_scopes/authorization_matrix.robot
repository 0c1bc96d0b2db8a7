*** Comments ***
# robocop: off=too-many-test-cases,file-too-long
# One test per cell of the authorization matrix: written by tools/build_authorization_matrix.py.


*** Settings ***
Documentation    Who may call which route. Every route of the contract (§3–§11) is called by five
...              kinds of caller: nobody (no token), the normal user, the admin, the service
...              client's token, and a user who holds exactly one ``admin:*`` scope through a role
...              of its own. Such a scope is not admin rights (§2: an admin is a superuser or holds
...              the role ``admin``): it opens only the routes that ask for that very scope
...              (§7 permissions, §10 session statistics and clean-up, §11 security events,
...              audit, configuration reload and error logs), so on those routes a holder of
...              another admin scope is refused too. Public routes answer without a token.
...
...              A wrongly allowed request acts on a throwaway resource made for the test, never on
...              shared data. The routes and the expected answers are data:
...              variables/authorization_matrix.py; this file is written from it by
...              tools/build_authorization_matrix.py (do not edit it by hand).

Resource         ../../resources/authorization.resource

Test Teardown    Remove Temporary Data
Test Template    Route Should Answer The Caller As The Contract Says

Test Tags        roles    critical


*** Test Cases ***
Anonymous Caller Gets 200 On GET /
    anonymous    GET /    200
Normal User Gets 200 On GET /
    normal user    GET /    200
Admin Gets 200 On GET /
    admin    GET /    200
Service Token Gets 200 On GET /
    service token    GET /    200
Holder Of admin:users Only Gets 200 On GET /
    holder of admin:users    GET /    200
Anonymous Caller Gets 200 On GET /health
    anonymous    GET /health    200
Normal User Gets 200 On GET /health
    normal user    GET /health    200
Admin Gets 200 On GET /health
    admin    GET /health    200
Service Token Gets 200 On GET /health
    service token    GET /health    200
Holder Of admin:users Only Gets 200 On GET /health
    holder of admin:users    GET /health    200
Anonymous Caller Gets 200 Or 404 On GET /openapi dot json
    anonymous    GET /openapi.json    200|404
Normal User Gets 200 Or 404 On GET /openapi dot json
    normal user    GET /openapi.json    200|404
Admin Gets 200 Or 404 On GET /openapi dot json
    admin    GET /openapi.json    200|404
Service Token Gets 200 Or 404 On GET /openapi dot json
    service token    GET /openapi.json    200|404
Holder Of admin:users Only Gets 200 Or 404 On GET /openapi dot json
    holder of admin:users    GET /openapi.json    200|404
Anonymous Caller Gets 200 On POST /api/v1/auth/token
    anonymous    POST /api/v1/auth/token    200
Normal User Gets 200 On POST /api/v1/auth/token
    normal user    POST /api/v1/auth/token    200
Admin Gets 200 On POST /api/v1/auth/token
    admin    POST /api/v1/auth/token    200
Service Token Gets 200 On POST /api/v1/auth/token
    service token    POST /api/v1/auth/token    200
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/token
    holder of admin:users    POST /api/v1/auth/token    200
Anonymous Caller Gets 200 On POST /api/v1/auth/service-token
    anonymous    POST /api/v1/auth/service-token    200
Normal User Gets 200 On POST /api/v1/auth/service-token
    normal user    POST /api/v1/auth/service-token    200
Admin Gets 200 On POST /api/v1/auth/service-token
    admin    POST /api/v1/auth/service-token    200
Service Token Gets 200 On POST /api/v1/auth/service-token
    service token    POST /api/v1/auth/service-token    200
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/service-token
    holder of admin:users    POST /api/v1/auth/service-token    200
Anonymous Caller Gets 200 On POST /api/v1/auth/refresh
    anonymous    POST /api/v1/auth/refresh    200
Normal User Gets 200 On POST /api/v1/auth/refresh
    normal user    POST /api/v1/auth/refresh    200
Admin Gets 200 On POST /api/v1/auth/refresh
    admin    POST /api/v1/auth/refresh    200
Service Token Gets 200 On POST /api/v1/auth/refresh
    service token    POST /api/v1/auth/refresh    200
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/refresh
    holder of admin:users    POST /api/v1/auth/refresh    200
Anonymous Caller Gets 401 On POST /api/v1/auth/introspect
    anonymous    POST /api/v1/auth/introspect    401
Normal User Gets 200 On POST /api/v1/auth/introspect
    normal user    POST /api/v1/auth/introspect    200
Admin Gets 200 On POST /api/v1/auth/introspect
    admin    POST /api/v1/auth/introspect    200
Service Token Gets 200 On POST /api/v1/auth/introspect
    service token    POST /api/v1/auth/introspect    200
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/introspect
    holder of admin:users    POST /api/v1/auth/introspect    200
Anonymous Caller Gets 401 On POST /api/v1/auth/revoke
    anonymous    POST /api/v1/auth/revoke    401
Normal User Gets 200 On POST /api/v1/auth/revoke
    normal user    POST /api/v1/auth/revoke    200
Admin Gets 200 On POST /api/v1/auth/revoke
    admin    POST /api/v1/auth/revoke    200
Service Token On POST /api/v1/auth/revoke Is Left Open By The Contract
    service token    POST /api/v1/auth/revoke    open
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/revoke
    holder of admin:users    POST /api/v1/auth/revoke    200
Anonymous Caller Gets 401 On POST /api/v1/auth/logout
    anonymous    POST /api/v1/auth/logout    401
Normal User Gets 200 On POST /api/v1/auth/logout
    normal user    POST /api/v1/auth/logout    200
Admin Gets 200 On POST /api/v1/auth/logout
    admin    POST /api/v1/auth/logout    200
Service Token Gets 401 Or 403 On POST /api/v1/auth/logout
    service token    POST /api/v1/auth/logout    401|403
Holder Of admin:users Only Gets 200 On POST /api/v1/auth/logout
    holder of admin:users    POST /api/v1/auth/logout    200
Anonymous Caller Gets 201 On POST /api/v1/users/register
    anonymous    POST /api/v1/users/register    201
Normal User Gets 201 On POST /api/v1/users/register
    normal user    POST /api/v1/users/register    201
Admin Gets 201 On POST /api/v1/users/register
    admin    POST /api/v1/users/register    201
Service Token Gets 201 On POST /api/v1/users/register
    service token    POST /api/v1/users/register    201
Holder Of admin:users Only Gets 201 On POST /api/v1/users/register
    holder of admin:users    POST /api/v1/users/register    201
Anonymous Caller Gets 401 On GET /api/v1/users/me
    anonymous    GET /api/v1/users/me    401
Normal User Gets 200 On GET /api/v1/users/me
    normal user    GET /api/v1/users/me    200
Admin Gets 200 On GET /api/v1/users/me
    admin    GET /api/v1/users/me    200
Service Token Gets 401 Or 403 On GET /api/v1/users/me
    service token    GET /api/v1/users/me    401|403
Holder Of admin:users Only Gets 200 On GET /api/v1/users/me
    holder of admin:users    GET /api/v1/users/me    200
Anonymous Caller Gets 401 On PUT /api/v1/users/me
    anonymous    PUT /api/v1/users/me    401
Normal User Gets 200 On PUT /api/v1/users/me
    normal user    PUT /api/v1/users/me    200
Admin Gets 200 On PUT /api/v1/users/me
    admin    PUT /api/v1/users/me    200
Service Token Gets 401 Or 403 On PUT /api/v1/users/me
    service token    PUT /api/v1/users/me    401|403
Holder Of admin:users Only Gets 200 On PUT /api/v1/users/me
    holder of admin:users    PUT /api/v1/users/me    200
Anonymous Caller Gets 401 On GET /api/v1/users/profile
    anonymous    GET /api/v1/users/profile    401
Normal User Gets 200 On GET /api/v1/users/profile
    normal user    GET /api/v1/users/profile    200
Admin Gets 200 On GET /api/v1/users/profile
    admin    GET /api/v1/users/profile    200
Service Token Gets 401 Or 403 On GET /api/v1/users/profile
    service token    GET /api/v1/users/profile    401|403
Holder Of admin:users Only Gets 200 On GET /api/v1/users/profile
    holder of admin:users    GET /api/v1/users/profile    200
Anonymous Caller Gets 401 On POST /api/v1/users
    anonymous    POST /api/v1/users    401
Normal User Gets 403 On POST /api/v1/users
    normal user    POST /api/v1/users    403
Admin Gets 201 On POST /api/v1/users
    admin    POST /api/v1/users    201
Service Token Gets 401 Or 403 On POST /api/v1/users
    service token    POST /api/v1/users    401|403
Holder Of admin:users Only Gets 403 On POST /api/v1/users
    holder of admin:users    POST /api/v1/users    403
Anonymous Caller Gets 401 On POST /api/v1/users/
    anonymous    POST /api/v1/users/    401
Normal User Gets 403 On POST /api/v1/users/
    normal user    POST /api/v1/users/    403
Admin Gets 201 On POST /api/v1/users/
    admin    POST /api/v1/users/    201
Service Token Gets 401 Or 403 On POST /api/v1/users/
    service token    POST /api/v1/users/    401|403
Holder Of admin:users Only Gets 403 On POST /api/v1/users/
    holder of admin:users    POST /api/v1/users/    403
Anonymous Caller Gets 401 On GET /api/v1/users
    anonymous    GET /api/v1/users    401
Normal User Gets 403 On GET /api/v1/users
    normal user    GET /api/v1/users    403
Admin Gets 200 On GET /api/v1/users
    admin    GET /api/v1/users    200
Service Token Gets 401 Or 403 On GET /api/v1/users
    service token    GET /api/v1/users    401|403
Holder Of admin:users Only Gets 403 On GET /api/v1/users
    holder of admin:users    GET /api/v1/users    403
Anonymous Caller Gets 401 On GET /api/v1/users/
    anonymous    GET /api/v1/users/    401
Normal User Gets 403 On GET /api/v1/users/
    normal user    GET /api/v1/users/    403
Admin Gets 200 On GET /api/v1/users/
    admin    GET /api/v1/users/    200
Service Token Gets 401 Or 403 On GET /api/v1/users/
    service token    GET /api/v1/users/    401|403
Holder Of admin:users Only Gets 403 On GET /api/v1/users/
    holder of admin:users    GET /api/v1/users/    403
Anonymous Caller Gets 401 On GET /api/v1/users/{user_id}
    anonymous    GET /api/v1/users/{user_id}    401
Normal User Gets 403 On GET /api/v1/users/{user_id}
    normal user    GET /api/v1/users/{user_id}    403
Admin Gets 200 On GET /api/v1/users/{user_id}
    admin    GET /api/v1/users/{user_id}    200
Service Token Gets 401 Or 403 On GET /api/v1/users/{user_id}
    service token    GET /api/v1/users/{user_id}    401|403
Holder Of admin:users Only Gets 403 On GET /api/v1/users/{user_id}
    holder of admin:users    GET /api/v1/users/{user_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/users/{user_id}
    anonymous    PUT /api/v1/users/{user_id}    401
Normal User Gets 403 On PUT /api/v1/users/{user_id}
    normal user    PUT /api/v1/users/{user_id}    403
Admin Gets 200 On PUT /api/v1/users/{user_id}
    admin    PUT /api/v1/users/{user_id}    200
Service Token Gets 401 Or 403 On PUT /api/v1/users/{user_id}
    service token    PUT /api/v1/users/{user_id}    401|403
Holder Of admin:users Only Gets 403 On PUT /api/v1/users/{user_id}
    holder of admin:users    PUT /api/v1/users/{user_id}    403
Anonymous Caller Gets 401 On DELETE /api/v1/users/{user_id}
    anonymous    DELETE /api/v1/users/{user_id}    401
Normal User Gets 403 On DELETE /api/v1/users/{user_id}
    normal user    DELETE /api/v1/users/{user_id}    403
Admin Gets 204 On DELETE /api/v1/users/{user_id}
    admin    DELETE /api/v1/users/{user_id}    204
Service Token Gets 401 Or 403 On DELETE /api/v1/users/{user_id}
    service token    DELETE /api/v1/users/{user_id}    401|403
Holder Of admin:users Only Gets 403 On DELETE /api/v1/users/{user_id}
    holder of admin:users    DELETE /api/v1/users/{user_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/users/{user_id}/password
    anonymous    PUT /api/v1/users/{user_id}/password    401
Normal User Gets 403 On PUT /api/v1/users/{user_id}/password
    normal user    PUT /api/v1/users/{user_id}/password    403
Admin Gets 200 On PUT /api/v1/users/{user_id}/password
    admin    PUT /api/v1/users/{user_id}/password    200
Service Token Gets 401 Or 403 On PUT /api/v1/users/{user_id}/password
    service token    PUT /api/v1/users/{user_id}/password    401|403
Holder Of admin:users Only Gets 403 On PUT /api/v1/users/{user_id}/password
    holder of admin:users    PUT /api/v1/users/{user_id}/password    403
Anonymous Caller Gets 401 On PUT /api/v1/users/{user_id}/roles
    anonymous    PUT /api/v1/users/{user_id}/roles    401
Normal User Gets 403 On PUT /api/v1/users/{user_id}/roles
    normal user    PUT /api/v1/users/{user_id}/roles    403
Admin Gets 200 On PUT /api/v1/users/{user_id}/roles
    admin    PUT /api/v1/users/{user_id}/roles    200
Service Token Gets 401 Or 403 On PUT /api/v1/users/{user_id}/roles
    service token    PUT /api/v1/users/{user_id}/roles    401|403
Holder Of admin:users Only Gets 403 On PUT /api/v1/users/{user_id}/roles
    holder of admin:users    PUT /api/v1/users/{user_id}/roles    403
Anonymous Caller Gets 401 On GET /api/v1/users/stats/overview
    anonymous    GET /api/v1/users/stats/overview    401
Normal User Gets 403 On GET /api/v1/users/stats/overview
    normal user    GET /api/v1/users/stats/overview    403
Admin Gets 200 On GET /api/v1/users/stats/overview
    admin    GET /api/v1/users/stats/overview    200
Service Token Gets 401 Or 403 On GET /api/v1/users/stats/overview
    service token    GET /api/v1/users/stats/overview    401|403
Holder Of admin:users Only Gets 403 On GET /api/v1/users/stats/overview
    holder of admin:users    GET /api/v1/users/stats/overview    403
Anonymous Caller Gets 200 On POST /api/v1/users/password-reset/request
    anonymous    POST /api/v1/users/password-reset/request    200
Normal User Gets 200 On POST /api/v1/users/password-reset/request
    normal user    POST /api/v1/users/password-reset/request    200
Admin Gets 200 On POST /api/v1/users/password-reset/request
    admin    POST /api/v1/users/password-reset/request    200
Service Token Gets 200 On POST /api/v1/users/password-reset/request
    service token    POST /api/v1/users/password-reset/request    200
Holder Of admin:users Only Gets 200 On POST /api/v1/users/password-reset/request
    holder of admin:users    POST /api/v1/users/password-reset/request    200
Anonymous Caller Gets 400 On POST /api/v1/users/password-reset/confirm
    anonymous    POST /api/v1/users/password-reset/confirm    400
Normal User Gets 400 On POST /api/v1/users/password-reset/confirm
    normal user    POST /api/v1/users/password-reset/confirm    400
Admin Gets 400 On POST /api/v1/users/password-reset/confirm
    admin    POST /api/v1/users/password-reset/confirm    400
Service Token Gets 400 On POST /api/v1/users/password-reset/confirm
    service token    POST /api/v1/users/password-reset/confirm    400
Holder Of admin:users Only Gets 400 On POST /api/v1/users/password-reset/confirm
    holder of admin:users    POST /api/v1/users/password-reset/confirm    400
Anonymous Caller Gets 200 On POST /api/v1/users/email-verification/request
    anonymous    POST /api/v1/users/email-verification/request    200
Normal User Gets 200 On POST /api/v1/users/email-verification/request
    normal user    POST /api/v1/users/email-verification/request    200
Admin Gets 200 On POST /api/v1/users/email-verification/request
    admin    POST /api/v1/users/email-verification/request    200
Service Token Gets 200 On POST /api/v1/users/email-verification/request
    service token    POST /api/v1/users/email-verification/request    200
Holder Of admin:users Only Gets 200 On POST /api/v1/users/email-verification/request
    holder of admin:users    POST /api/v1/users/email-verification/request    200
Anonymous Caller Gets 400 On POST /api/v1/users/email-verification/confirm
    anonymous    POST /api/v1/users/email-verification/confirm    400
Normal User Gets 400 On POST /api/v1/users/email-verification/confirm
    normal user    POST /api/v1/users/email-verification/confirm    400
Admin Gets 400 On POST /api/v1/users/email-verification/confirm
    admin    POST /api/v1/users/email-verification/confirm    400
Service Token Gets 400 On POST /api/v1/users/email-verification/confirm
    service token    POST /api/v1/users/email-verification/confirm    400
Holder Of admin:users Only Gets 400 On POST /api/v1/users/email-verification/confirm
    holder of admin:users    POST /api/v1/users/email-verification/confirm    400
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
Anonymous Caller Gets 401 On GET /api/v1/service-clients/
    anonymous    GET /api/v1/service-clients/    401
Normal User Gets 403 On GET /api/v1/service-clients/
    normal user    GET /api/v1/service-clients/    403
Admin Gets 200 On GET /api/v1/service-clients/
    admin    GET /api/v1/service-clients/    200
Service Token Gets 401 Or 403 On GET /api/v1/service-clients/
    service token    GET /api/v1/service-clients/    401|403
Holder Of admin:clients Only Gets 403 On GET /api/v1/service-clients/
    holder of admin:clients    GET /api/v1/service-clients/    403
Anonymous Caller Gets 401 On POST /api/v1/service-clients/
    anonymous    POST /api/v1/service-clients/    401
Normal User Gets 403 On POST /api/v1/service-clients/
    normal user    POST /api/v1/service-clients/    403
Admin Gets 201 On POST /api/v1/service-clients/
    admin    POST /api/v1/service-clients/    201
Service Token Gets 401 Or 403 On POST /api/v1/service-clients/
    service token    POST /api/v1/service-clients/    401|403
Holder Of admin:clients Only Gets 403 On POST /api/v1/service-clients/
    holder of admin:clients    POST /api/v1/service-clients/    403
Anonymous Caller Gets 401 On GET /api/v1/service-clients/{client_id}
    anonymous    GET /api/v1/service-clients/{client_id}    401
Normal User Gets 403 On GET /api/v1/service-clients/{client_id}
    normal user    GET /api/v1/service-clients/{client_id}    403
Admin Gets 200 On GET /api/v1/service-clients/{client_id}
    admin    GET /api/v1/service-clients/{client_id}    200
Service Token Gets 401 Or 403 On GET /api/v1/service-clients/{client_id}
    service token    GET /api/v1/service-clients/{client_id}    401|403
Holder Of admin:clients Only Gets 403 On GET /api/v1/service-clients/{client_id}
    holder of admin:clients    GET /api/v1/service-clients/{client_id}    403
Anonymous Caller Gets 401 On PUT /api/v1/service-clients/{client_id}
    anonymous    PUT /api/v1/service-clients/{client_id}    401
Normal User Gets 403 On PUT /api/v1/service-clients/{client_id}
    normal user    PUT /api/v1/service-clients/{client_id}    403
Admin Gets 200 On PUT /api/v1/service-clients/{client_id}
    admin    PUT /api/v1/service-clients/{client_id}    200
Service Token Gets 401 Or 403 On PUT /api/v1/service-clients/{client_id}
    service token    PUT /api/v1/service-clients/{client_id}    401|403
Holder Of admin:clients Only Gets 403 On PUT /api/v1/service-clients/{client_id}
    holder of admin:clients    PUT /api/v1/service-clients/{client_id}    403
Anonymous Caller Gets 401 On DELETE /api/v1/service-clients/{client_id}
    anonymous    DELETE /api/v1/service-clients/{client_id}    401
Normal User Gets 403 On DELETE /api/v1/service-clients/{client_id}
    normal user    DELETE /api/v1/service-clients/{client_id}    403
Admin Gets 204 On DELETE /api/v1/service-clients/{client_id}
    admin    DELETE /api/v1/service-clients/{client_id}    204
Service Token Gets 401 Or 403 On DELETE /api/v1/service-clients/{client_id}
    service token    DELETE /api/v1/service-clients/{client_id}    401|403
Holder Of admin:clients Only Gets 403 On DELETE /api/v1/service-clients/{client_id}
    holder of admin:clients    DELETE /api/v1/service-clients/{client_id}    403
Anonymous Caller Gets 401 On POST /api/v1/service-clients/{client_id}/rotate-secret
    anonymous    POST /api/v1/service-clients/{client_id}/rotate-secret    401
Normal User Gets 403 On POST /api/v1/service-clients/{client_id}/rotate-secret
    normal user    POST /api/v1/service-clients/{client_id}/rotate-secret    403
Admin Gets 200 On POST /api/v1/service-clients/{client_id}/rotate-secret
    admin    POST /api/v1/service-clients/{client_id}/rotate-secret    200
Service Token Gets 401 Or 403 On POST /api/v1/service-clients/{client_id}/rotate-secret
    service token    POST /api/v1/service-clients/{client_id}/rotate-secret    401|403
Holder Of admin:clients Only Gets 403 On POST /api/v1/service-clients/{client_id}/rotate-secret
    holder of admin:clients    POST /api/v1/service-clients/{client_id}/rotate-secret    403
Anonymous Caller Gets 401 On PUT /api/v1/service-clients/{client_id}/scopes
    anonymous    PUT /api/v1/service-clients/{client_id}/scopes    401
Normal User Gets 403 On PUT /api/v1/service-clients/{client_id}/scopes
    normal user    PUT /api/v1/service-clients/{client_id}/scopes    403
Admin Gets 200 On PUT /api/v1/service-clients/{client_id}/scopes
    admin    PUT /api/v1/service-clients/{client_id}/scopes    200
Service Token Gets 401 Or 403 On PUT /api/v1/service-clients/{client_id}/scopes
    service token    PUT /api/v1/service-clients/{client_id}/scopes    401|403
Holder Of admin:clients Only Gets 403 On PUT /api/v1/service-clients/{client_id}/scopes
    holder of admin:clients    PUT /api/v1/service-clients/{client_id}/scopes    403
Anonymous Caller Gets 401 On GET /api/v1/service-clients/{client_id}/permissions
    anonymous    GET /api/v1/service-clients/{client_id}/permissions    401
Normal User Gets 403 On GET /api/v1/service-clients/{client_id}/permissions
    normal user    GET /api/v1/service-clients/{client_id}/permissions    403
Admin Gets 200 On GET /api/v1/service-clients/{client_id}/permissions
    admin    GET /api/v1/service-clients/{client_id}/permissions    200
Service Token Gets 401 Or 403 On GET /api/v1/service-clients/{client_id}/permissions
    service token    GET /api/v1/service-clients/{client_id}/permissions    401|403
Holder Of admin:clients Only Gets 403 On GET /api/v1/service-clients/{client_id}/permissions
    holder of admin:clients    GET /api/v1/service-clients/{client_id}/permissions    403
Anonymous Caller Gets 401 On GET /api/v1/service-clients/{client_id}/rate-limit
    anonymous    GET /api/v1/service-clients/{client_id}/rate-limit    401
Normal User Gets 403 On GET /api/v1/service-clients/{client_id}/rate-limit
    normal user    GET /api/v1/service-clients/{client_id}/rate-limit    403
Admin Gets 200 On GET /api/v1/service-clients/{client_id}/rate-limit
    admin    GET /api/v1/service-clients/{client_id}/rate-limit    200
Service Token Gets 401 Or 403 On GET /api/v1/service-clients/{client_id}/rate-limit
    service token    GET /api/v1/service-clients/{client_id}/rate-limit    401|403
Holder Of admin:clients Only Gets 403 On GET /api/v1/service-clients/{client_id}/rate-limit
    holder of admin:clients    GET /api/v1/service-clients/{client_id}/rate-limit    403
Anonymous Caller Gets 401 On GET /api/v1/service-clients/stats/overview
    anonymous    GET /api/v1/service-clients/stats/overview    401
Normal User Gets 403 On GET /api/v1/service-clients/stats/overview
    normal user    GET /api/v1/service-clients/stats/overview    403
Admin Gets 200 On GET /api/v1/service-clients/stats/overview
    admin    GET /api/v1/service-clients/stats/overview    200
Service Token Gets 401 Or 403 On GET /api/v1/service-clients/stats/overview
    service token    GET /api/v1/service-clients/stats/overview    401|403
Holder Of admin:clients Only Gets 403 On GET /api/v1/service-clients/stats/overview
    holder of admin:clients    GET /api/v1/service-clients/stats/overview    403
Anonymous Caller Gets 401 On GET /api/v1/sessions/
    anonymous    GET /api/v1/sessions/    401
Normal User Gets 200 On GET /api/v1/sessions/
    normal user    GET /api/v1/sessions/    200
Admin Gets 200 On GET /api/v1/sessions/
    admin    GET /api/v1/sessions/    200
Service Token Gets 401 Or 403 On GET /api/v1/sessions/
    service token    GET /api/v1/sessions/    401|403
Holder Of admin:users Only Gets 200 On GET /api/v1/sessions/
    holder of admin:users    GET /api/v1/sessions/    200
Anonymous Caller Gets 401 On DELETE /api/v1/sessions/
    anonymous    DELETE /api/v1/sessions/    401
Normal User Gets 200 On DELETE /api/v1/sessions/
    normal user    DELETE /api/v1/sessions/    200
Admin Gets 200 On DELETE /api/v1/sessions/
    admin    DELETE /api/v1/sessions/    200
Service Token Gets 401 Or 403 On DELETE /api/v1/sessions/
    service token    DELETE /api/v1/sessions/    401|403
Holder Of admin:users Only Gets 200 On DELETE /api/v1/sessions/
    holder of admin:users    DELETE /api/v1/sessions/    200
Anonymous Caller Gets 401 On POST /api/v1/sessions/{session_id}/renew
    anonymous    POST /api/v1/sessions/{session_id}/renew    401
Normal User Gets 200 On POST /api/v1/sessions/{session_id}/renew
    normal user    POST /api/v1/sessions/{session_id}/renew    200
Admin Gets 200 On POST /api/v1/sessions/{session_id}/renew
    admin    POST /api/v1/sessions/{session_id}/renew    200
Service Token Gets 401 Or 403 On POST /api/v1/sessions/{session_id}/renew
    service token    POST /api/v1/sessions/{session_id}/renew    401|403
Holder Of admin:users Only Gets 200 On POST /api/v1/sessions/{session_id}/renew
    holder of admin:users    POST /api/v1/sessions/{session_id}/renew    200
Anonymous Caller Gets 401 On DELETE /api/v1/sessions/{session_id}
    anonymous    DELETE /api/v1/sessions/{session_id}    401
Normal User Gets 200 On DELETE /api/v1/sessions/{session_id}
    normal user    DELETE /api/v1/sessions/{session_id}    200
Admin Gets 200 On DELETE /api/v1/sessions/{session_id}
    admin    DELETE /api/v1/sessions/{session_id}    200
Service Token Gets 401 Or 403 On DELETE /api/v1/sessions/{session_id}
    service token    DELETE /api/v1/sessions/{session_id}    401|403
Holder Of admin:users Only Gets 200 On DELETE /api/v1/sessions/{session_id}
    holder of admin:users    DELETE /api/v1/sessions/{session_id}    200
Anonymous Caller Gets 401 On GET /api/v1/sessions/stats
    anonymous    GET /api/v1/sessions/stats    401
Normal User Gets 403 On GET /api/v1/sessions/stats
    normal user    GET /api/v1/sessions/stats    403
Admin Gets 200 On GET /api/v1/sessions/stats
    admin    GET /api/v1/sessions/stats    200
Service Token Gets 401 Or 403 On GET /api/v1/sessions/stats
    service token    GET /api/v1/sessions/stats    401|403
Holder Of admin:sessions Only Gets 200 On GET /api/v1/sessions/stats
    holder of admin:sessions    GET /api/v1/sessions/stats    200
Holder Of admin:users Only Gets 403 On GET /api/v1/sessions/stats
    holder of admin:users    GET /api/v1/sessions/stats    403
Anonymous Caller Gets 401 On POST /api/v1/sessions/cleanup
    anonymous    POST /api/v1/sessions/cleanup    401
Normal User Gets 403 On POST /api/v1/sessions/cleanup
    normal user    POST /api/v1/sessions/cleanup    403
Admin Gets 200 On POST /api/v1/sessions/cleanup
    [Tags]    destructive
    admin    POST /api/v1/sessions/cleanup    200
Service Token Gets 401 Or 403 On POST /api/v1/sessions/cleanup
    service token    POST /api/v1/sessions/cleanup    401|403
Holder Of admin:sessions Only Gets 200 On POST /api/v1/sessions/cleanup
    [Tags]    destructive
    holder of admin:sessions    POST /api/v1/sessions/cleanup    200
Holder Of admin:users Only Gets 403 On POST /api/v1/sessions/cleanup
    holder of admin:users    POST /api/v1/sessions/cleanup    403
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
