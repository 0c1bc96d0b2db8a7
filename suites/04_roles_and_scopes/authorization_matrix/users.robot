*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the user routes (§6).
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

Test Tags        users    authorization-matrix


*** Test Cases ***
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
