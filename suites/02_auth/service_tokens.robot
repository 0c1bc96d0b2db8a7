*** Settings ***
Documentation    Machines authenticate with the client-credentials grant (RFC 6749 §4.4) at
...              /auth/service-token. A service token speaks for a client, not a person: it has
...              no refresh token and no session, and carries only scopes the client holds. The
...              shared client (TEST_CLIENT_ID) is only ever used with its right secret or for
...              refused requests; disabling is tried on a client the test registers itself.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Service Token Response Has No Refresh Token And No Session
    [Documentation]    Machines re-authenticate with their secret; they get neither a refresh token nor a session.
    [Tags]    smoke
    ${grant}    Get Service Token
    Service Token Response Should Be Complete    ${grant}[response]

Service Token Responses Are Never Cached
    [Documentation]    A cached service token answer would leak the client's token (RFC 6749 §5.1).
    ${grant}    Get Service Token
    Token Response Should Forbid Caching    ${grant}[response]

Service Token Identifies The Client
    [Documentation]    Resource servers see which client calls and with which scopes.
    [Tags]    critical
    ${grant}    Get Service Token
    Service Token Should Identify The Client    ${grant}    ${TEST_CLIENT_ID}

Expires In Matches The Service Token Lifetime
    [Documentation]    Clients renew from expires_in, which must match the token and its configured lifetime.
    ${grant}    Get Service Token
    Expires In Should Match The Token Lifetime    ${grant}    ${SERVICE_TOKEN_LIFETIME_SECONDS}

Requested Scope Narrows The Service Grant
    [Documentation]    A client asking for less gets only what it asked for.
    ${grant}    Get Service Token    scope=read:profile
    Granted Scopes Should Be    ${grant}    read:profile

Partly Held Scopes Grant Only The Overlap
    [Documentation]    Asking for more than it holds never widens a client's grant.
    [Tags]    critical
    ${grant}    Get Service Token    scope=read:profile admin:users
    Granted Scopes Should Be    ${grant}    read:profile

Scopes The Client Does Not Hold Are Refused
    [Documentation]    A request for nothing but unheld scopes is refused outright.
    Service Token Should Be Refused For Scope    admin:users admin:system    400    invalid_scope

Wrong Client Secret Is Refused Without Naming The Client
    [Documentation]    Echoing the client id would confirm it to an attacker.
    [Tags]    critical
    ${answer}    Answer To A Service Token Request With A Wrong Secret
    Client Authentication Should Have Failed Without Echoing The Client Id    ${answer}

Unknown Client Gets The Same Answer As A Wrong Secret
    [Documentation]    Different answers would let an attacker enumerate client ids.
    ${wrong_secret}    Answer To A Service Token Request With A Wrong Secret
    ${unknown_client}    Answer To A Service Token Request From An Unknown Client
    Answers Should Be Indistinguishable    ${wrong_secret}    ${unknown_client}

Disabled Client Cannot Get Tokens
    [Documentation]    Deactivating a client (e.g. after a leak) cuts off its tokens at once.
    [Tags]    critical
    ${client}    Register Temporary Service Client
    Service Token Should Be Granted To    ${client}
    Disable Service Client    ${client}
    Service Token Should Be Refused As Disabled    ${client}

Service Token Cannot Act As A User
    [Documentation]    Routes that need a person refuse a machine's token.
    ${grant}    Get Service Token
    User Route Should Refuse A Service Token    ${grant}[access_token]
