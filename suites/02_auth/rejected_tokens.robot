*** Settings ***
Documentation    A protected route (here GET /users/me) must accept nothing but a genuine, current
...              access token (RFC 6750, RFC 7519, contract §5). Each row presents one flaw: a
...              token that is missing, malformed, signed the wrong way, tampered with, outside its
...              validity window, issued for someone else, or of the wrong type. Rows that need a
...              validly signed forgery use TOKEN_SIGNING_KEY and skip, saying so, without it.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Protected Route Should Refuse A Token With

Test Tags        auth


*** Test Cases ***    FLAW
No Token Is Refused
    [Tags]    critical
    no token
Garbage Is Refused
    garbage
Unsigned Token Is Refused
    [Tags]    critical
    alg none
Token Signed With Another Algorithm Is Refused
    [Tags]    critical
    another algorithm
Token With A Changed Payload Is Refused
    [Tags]    critical
    a changed payload
Token Signed With The Wrong Key Is Refused
    [Tags]    critical
    the wrong key
Expired Token Is Refused
    [Tags]    critical    requires-signing-key
    an expiry in the past
Token Not Yet Valid Is Refused
    [Tags]    requires-signing-key
    nbf in the future
Token From Another Issuer Is Refused
    [Tags]    requires-signing-key
    a wrong issuer
Token Without Issuer Is Refused
    [Tags]    requires-signing-key
    no issuer
Token For Another Audience Is Refused
    [Tags]    critical    requires-signing-key
    a wrong audience
Token Without Expiry Is Refused
    [Tags]    requires-signing-key
    no expiry
Refresh Token Is Refused As An Access Token
    [Tags]    critical
    a refresh token
