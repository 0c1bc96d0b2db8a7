*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the root, health and OpenAPI routes (§3).
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

Test Tags        infrastructure    authorization-matrix


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
