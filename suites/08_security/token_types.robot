*** Settings ***
Documentation    Permiso issues four kinds of token-like credentials: access tokens, refresh tokens,
...              service tokens and (in forged or upstream-buggy form) tokens without a ``type``.
...              Upstream snapshots have let a long-lived refresh token work as an access token.
...              Each endpoint that takes a token accepts only its own kind: /auth/refresh a refresh
...              token; introspection, revocation and logout an access token as caller (introspection
...              also a service token); routes that need a user an access token. A service token as
...              caller of a revocation is left open by the contract and not tried. Untyped tokens
...              are re-signed with TOKEN_SIGNING_KEY and skip, saying so, without it
...              (OWASP API2:2023 Broken Authentication).

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Token Of Kind Should Be Refused At

Test Tags        security    owasp-api2-auth


*** Test Cases ***    KIND    PLACE
Access Token Cannot Be Refreshed
    [Documentation]    An access token at /auth/refresh gets 401 invalid_grant and no new token.
    access    refresh
Service Token Cannot Be Refreshed
    [Documentation]    A service token at /auth/refresh gets 401 invalid_grant and no new token.
    service    refresh
Untyped Token Cannot Be Refreshed
    [Documentation]    A validly signed token without ``type`` at /auth/refresh gets 401 invalid_grant and no new token.
    [Tags]    requires-signing-key
    untyped    refresh
Refresh Token Cannot Call Introspection
    [Documentation]    A refresh token as caller of an introspection gets 401 and learns nothing.
    refresh    introspection
Untyped Token Cannot Call Introspection
    [Documentation]    A token without ``type`` as caller of an introspection gets 401 and learns nothing.
    [Tags]    requires-signing-key
    untyped    introspection
Refresh Token Cannot Call Revocation
    [Documentation]    A refresh token as caller of a revocation gets 401 and the aimed-at token keeps working.
    refresh    revocation
Untyped Token Cannot Call Revocation
    [Documentation]    A token without ``type`` as caller of a revocation gets 401 and the aimed-at token keeps working.
    [Tags]    requires-signing-key
    untyped    revocation
Refresh Token Cannot Log Out
    [Documentation]    A refresh token at /auth/logout gets 401 and the session's access token keeps working.
    refresh    logout
Untyped Token Cannot Log Out
    [Documentation]    A token without ``type`` at /auth/logout gets 401 and the session's access token keeps working.
    [Tags]    requires-signing-key
    untyped    logout
Refresh Token Cannot Open A User Route
    [Documentation]    A refresh token at GET /sessions/ gets 401 and sees no session.
    refresh    user route
Untyped Token Cannot Open A User Route
    [Documentation]    A token without ``type`` at GET /sessions/ gets 401 and sees no session.
    [Tags]    requires-signing-key
    untyped    user route
Service Token Cannot Open A User Route
    [Documentation]    A service token at GET /sessions/ gets 401 or 403 (contract §13) and sees no session.
    service    user route
