*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the service-client routes (§9).
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

Test Tags        clients    authorization-matrix


*** Test Cases ***
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
