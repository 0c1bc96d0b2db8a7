*** Settings ***
Documentation    Access tokens are short-lived; clients trade a refresh token for a fresh pair at
...              /auth/refresh. Refresh tokens rotate (RFC 6749 §10.4, OAuth 2.0 Security BCP):
...              every use returns a new refresh token and retires the old one, so a stolen
...              refresh token is worth at most one use, and a refresh never widens the original
...              grant. Each test signs in as a user it creates.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Refresh Issues A New Access Token And A New Refresh Token
    [Documentation]    Refresh tokens rotate: every use returns a fresh pair that works.
    [Tags]    smoke    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${refreshed}    Refresh Tokens    ${login}[refresh_token]
    Refresh Should Have Rotated Both Tokens    ${login}    ${refreshed}
    Access Token Should Be Accepted    ${refreshed}[access_token]    what=The refreshed access token

Refresh Responses Are Never Cached
    [Documentation]    Refreshed tokens are as sensitive as the first ones (RFC 6749 §5.1).
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${refreshed}    Refresh Tokens    ${login}[refresh_token]
    Token Response Should Forbid Caching    ${refreshed}[response]

Refresh Token Is Typed And Bound To The User
    [Documentation]    A refresh token says it is one and whose it is, so it cannot pass as something else.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Refresh Token Should Identify The User    ${login}[refresh_token]    ${user}

Refresh Never Widens The Original Grant
    [Documentation]    Refreshing keeps the grant the user consented to, never more.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}    scope=read:profile
    ${refreshed}    Refresh Tokens    ${login}[refresh_token]
    Granted Scopes Should Be Within    ${refreshed}    read:profile

Rotated Out Refresh Token Is Refused
    [Documentation]    A stolen refresh token is worth at most one use.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Refresh Tokens    ${login}[refresh_token]
    Refresh Should Be Refused    ${login}[refresh_token]    a rotated-out refresh token

Access Token Cannot Be Used To Refresh
    [Documentation]    Only refresh tokens mint new tokens; an access token cannot extend itself.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Refresh Should Be Refused    ${login}[access_token]    an access token

Garbage Cannot Be Used To Refresh
    [Documentation]    Anything that is not a refresh token is refused as an invalid grant.
    Refresh Should Be Refused    not-a-refresh-token    a garbage string

Reusing A Rotated Out Refresh Token Revokes Its Successor
    [Documentation]    Reuse signals theft, so the whole token family ends (OAuth 2.0 Security BCP).
    [Tags]    hardening
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${refreshed}    Refresh Tokens    ${login}[refresh_token]
    Refresh Should Be Refused    ${login}[refresh_token]    a rotated-out refresh token
    Refresh Should Be Refused    ${refreshed}[refresh_token]    the successor of a reused refresh token
