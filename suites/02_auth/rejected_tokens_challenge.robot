*** Settings ***
Documentation    RFC 6750 §3: a refused bearer token is answered with a
...              `WWW-Authenticate: Bearer` challenge, so that clients know how to authenticate
...              and can tell an expired token from a missing one. The same flawed tokens as in
...              the rejected-tokens suite, checked for the challenge.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Refusal Of A Token With ${flaw} Should Challenge For A Bearer Token

Test Tags        auth    hardening


*** Test Cases ***    FLAW
Missing Token Is Challenged
    no token
Garbage Is Challenged
    garbage
Unsigned Token Is Challenged
    alg none
Token Signed With Another Algorithm Is Challenged
    another algorithm
Token With A Changed Payload Is Challenged
    a changed payload
Token Signed With The Wrong Key Is Challenged
    the wrong key
Expired Token Is Challenged
    [Tags]    requires-signing-key
    an expiry in the past
Token Not Yet Valid Is Challenged
    [Tags]    requires-signing-key
    nbf in the future
Token From Another Issuer Is Challenged
    [Tags]    requires-signing-key
    a wrong issuer
Token Without Issuer Is Challenged
    [Tags]    requires-signing-key
    no issuer
Token For Another Audience Is Challenged
    [Tags]    requires-signing-key
    a wrong audience
Token Without Expiry Is Challenged
    [Tags]    requires-signing-key
    no expiry
Refresh Token Is Challenged
    a refresh token
