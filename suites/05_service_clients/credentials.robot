*** Settings ***
Documentation    A client's secret and scopes decide what the machine behind it may do. When a
...              secret may have leaked, an administrator rotates it: the old secret stops working
...              at once and only the new one gets tokens. Rotation needs the current secret, so a
...              stolen administrator session alone cannot take a client over. Scope changes reach
...              the client's very next token.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        clients


*** Test Cases ***
Rotating A Secret Retires The Old One At Once
    [Documentation]    After rotation only the new secret gets tokens.
    [Tags]    critical
    ${client}    Create Temporary Service Client
    ${rotated}    Rotate Client Secret    ${client}
    Service Token Should Be Refused For The Secret Of    ${client}    the secret before rotation
    Service Token Should Be Granted To    ${rotated}

Rotation Needs The Current Secret
    [Documentation]    A wrong current secret is refused and the client keeps its secret.
    ${client}    Create Temporary Service Client
    Rotating With A Wrong Current Secret Should Be Refused    ${client}
    Service Token Should Be Granted To    ${client}

New Scopes Reach The Next Service Token
    [Documentation]    Replacing a client's scopes changes what its next token grants, claim and scope field alike.
    ${client}    Create Temporary Service Client
    Replace Client Scopes    ${client}    write:profile
    ${grant}    Service Token Of    ${client}
    Granted Scopes Should Be    ${grant}    write:profile
