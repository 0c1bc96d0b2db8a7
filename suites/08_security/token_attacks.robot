*** Settings ***
Documentation    An attacker who holds one genuine token, or who knows the signing key's algorithm,
...              edits tokens to get further than the token allows. The authentication suite
...              already presents every flaw of contract §5 to GET /users/me; these tests add the
...              claims the contract requires that it does not remove (each one from a token that
...              is validly signed again with the deployment's key, so only the missing claim can
...              explain a refusal) and a signature with one bit flipped, at the routes that take a
...              bearer token. Tests that need the signing key skip, saying so, without
...              TOKEN_SIGNING_KEY (OWASP API2:2023 Broken Authentication).

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    User Route Should Refuse A Validly Signed Token Without

Test Tags        security    owasp-api2-auth


*** Test Cases ***    CLAIM
Token Without Subject Is Refused
    [Documentation]    A token that names no user must not be taken as anybody's: 401.
    [Tags]    requires-signing-key
    sub
Token Without Expiry Is Refused At Every User Route
    [Documentation]    A token without ``exp`` would never end; a route other than /users/me refuses it too.
    [Tags]    requires-signing-key
    exp
Token Without Issue Time Is Refused
    [Documentation]    A token without ``iat`` cannot be dated, so revocations by time cannot reach it: 401.
    [Tags]    requires-signing-key
    iat
Token Without Issuer Is Refused At Every User Route
    [Documentation]    A token that does not say who issued it is not the deployment's: 401.
    [Tags]    requires-signing-key
    iss
Token Without Audience Is Refused
    [Documentation]    A token that names no audience may have been issued for another service: 401.
    [Tags]    requires-signing-key
    aud
Token Without Type Is Refused
    [Documentation]    A token that does not say it is an access token may be a refresh token in disguise: 401.
    [Tags]    requires-signing-key
    type
Token Without Token Id Is Refused
    [Documentation]    A token without ``jti`` cannot be revoked on its own, so it must not be accepted: 401.
    [Tags]    requires-signing-key
    jti
A Tampered Signature Is Refused Wherever A Token Is Taken
    [Documentation]    One flipped bit in the signature makes a token worthless at every route taking a bearer token.
    [Tags]    critical
    [Template]    Request With A Tampered Signature Should Be Refused
    user route
    own record
    introspection
    revocation
    logout
