*** Comments ***
# One test per cell of the authorization matrix: written by tools/build/authorization_matrix.py.


*** Settings ***
Documentation    Who may call the session routes (§10).
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

Test Tags        sessions    authorization-matrix


*** Test Cases ***
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
