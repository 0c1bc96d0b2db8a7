*** Settings ***
Documentation    Resource servers ask Permiso whether a token is still good (RFC 7662) instead of
...              trusting the signature alone, so introspection must reflect revocation at once
...              and must not tell anything about tokens that are not active. The caller
...              authenticates with its own access or service token.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Introspection Describes An Active Access Token
    [Documentation]    Resource servers learn who a user token belongs to and what it allows (RFC 7662).
    [Tags]    smoke    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Introspection Should Describe An Active Access Token    ${login}    ${user}

Introspection Describes An Active Service Token
    [Documentation]    A service token introspected by itself names its client.
    ${grant}    Get Service Token
    Introspection Should Describe An Active Service Token    ${grant}    ${TEST_CLIENT_ID}

Revoked Token Is Reported Inactive
    [Documentation]    Introspection reflects revocation at once.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Revoke Own Token    ${login}
    Introspection Should Report An Inactive Token    ${login}[access_token]    a revoked access token

Garbage Token Is Reported Inactive
    [Documentation]    An invalid token is simply inactive, with nothing else disclosed.
    Introspection Should Report An Inactive Token    not.a.token    a garbage token

Introspection Requires An Authenticated Caller
    [Documentation]    Anonymous callers could probe stolen tokens.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Introspection Without A Caller Token Should Be Refused    ${login}[access_token]
