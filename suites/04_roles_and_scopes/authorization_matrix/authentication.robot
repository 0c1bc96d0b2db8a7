*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the authentication routes (§4).
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

Test Tags        auth    authorization-matrix


*** Test Cases ***
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
Service Token Gets 200 Or 401 Or 403 On POST /api/v1/auth/revoke
    service token    POST /api/v1/auth/revoke    200|401|403
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
