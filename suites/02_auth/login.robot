*** Settings ***
Documentation    People sign in with the OAuth 2.0 password grant (RFC 6749 §4.3) at /auth/token,
...              by user name or e-mail address, and get a short-lived access token plus a
...              refresh token. Every other area trusts what these tokens say, so their shape and
...              claims are checked here once, in detail. Each test signs in as a user it creates
...              itself, so no two tests share a session and shared accounts stay untouched.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Login Returns A Complete Bearer Token Response
    [Documentation]    Clients rely on every field of the token answer (contract §4).
    [Tags]    smoke    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Token Response Should Be Complete    ${login}[response]

Token Responses Are Never Cached
    [Documentation]    A cached token answer would hand one user's tokens to the next (RFC 6749 §5.1).
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Token Response Should Forbid Caching    ${login}[response]

Access Token Identifies The User
    [Documentation]    Resource servers trust issuer, audience, subject and type of the access token (§5).
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Access Token Should Identify The User    ${login}[access_token]    ${user}

Access Token Carries Exactly The Scopes The User Holds
    [Documentation]    Without a requested scope the grant is everything the user holds, and nothing more.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Granted Scopes Should Be The Scopes The User Holds    ${login}

Expires In Matches The Access Token Lifetime
    [Documentation]    Clients schedule their refresh from expires_in, which must match the token itself.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Expires In Should Match The Token Lifetime    ${login}    ${ACCESS_TOKEN_LIFETIME_SECONDS}

Every Login Issues Tokens With Unique Ids
    [Documentation]    Revocation works per token id (jti), so no two tokens may share one.
    ${user}    Create Temporary User
    ${first}    Log In As Temporary User    ${user}
    ${second}    Log In As Temporary User    ${user}
    Tokens Should Have Different Ids    ${first}[access_token]    ${second}[access_token]
    Tokens Should Have Different Ids    ${first}[refresh_token]    ${second}[refresh_token]

Users Can Sign In With Their E-Mail Address
    [Documentation]    The username field accepts the e-mail address as well.
    [Tags]    smoke
    ${user}    Create Temporary User
    ${login}    Log In With E-Mail Address Of    ${user}
    Access Token Should Identify The User    ${login}[access_token]    ${user}

Requested Scope Narrows The Grant
    [Documentation]    A client asking for less gets only what it asked for (least privilege).
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}    scope=read:profile
    Granted Scopes Should Be    ${login}    read:profile

Requesting Scopes Not Held Grants Only The Held Ones
    [Documentation]    Asking for admin scopes must not escalate a normal user's grant.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}    scope=read:profile admin:users admin:system
    Granted Scopes Should Be    ${login}    read:profile

Unknown User And Wrong Password Get The Same Answer
    [Documentation]    Different answers would let an attacker enumerate the user names.
    ${user}    Create Temporary User
    ${wrong_password}    Answer To A Login With A Wrong Password For    ${user}
    ${unknown_user}    Answer To A Login As An Unknown User
    Answers Should Be Indistinguishable    ${wrong_password}    ${unknown_user}

Disabled Account Cannot Sign In
    [Documentation]    An administrator deactivating an account stops its logins at once.
    [Tags]    critical
    ${user}    Create Temporary User
    Disable User Account    ${user}
    Login Should Be Refused As Disabled    ${user}
