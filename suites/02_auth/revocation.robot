*** Settings ***
Documentation    Token revocation (RFC 7009) lets a user or an application end a token before it
...              expires, for example after a device is lost. A caller may revoke only its own
...              tokens; an administrator may revoke anybody's. Revoking an unknown token is not
...              an error, so that revocation reveals nothing about which tokens exist.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Users Can Revoke Their Own Token
    [Documentation]    After revoking, the token is refused everywhere.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Revoke Own Token    ${login}
    Access Token Should Be Refused    ${login}[access_token]    after revoking it

Users Cannot Revoke Another User's Token
    [Documentation]    One user cannot log another out; the answer may be 200 or 403, the token must keep working.
    [Tags]    critical
    ${victim}    Create Temporary User
    ${attacker}    Create Temporary User
    ${victim_login}    Log In As Temporary User    ${victim}
    ${attacker_login}    Log In As Temporary User    ${attacker}
    Try To Revoke Another User's Token    ${attacker_login}    ${victim_login}[access_token]
    Access Token Should Be Accepted    ${victim_login}[access_token]
    ...    what=The token another user tried to revoke

Administrators Can Revoke Any Token
    [Documentation]    Administrators end a compromised user's token.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${admin}    Login As Admin
    Revoke Token As Administrator    ${admin}    ${login}[access_token]
    Access Token Should Be Refused    ${login}[access_token]    after an administrator revoked it

Revoking An Unknown Token Is Accepted
    [Documentation]    RFC 7009: revocation reveals nothing about which tokens exist, and harms no valid one.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Revoking A Garbage Token Should Be Accepted    ${login}
    Access Token Should Be Accepted    ${login}[access_token]
    ...    what=After revoking a garbage token, the caller's own token
