*** Settings ***
Documentation    Administrators register the machines that may call Permiso. A registration
...              hands out the client's secret exactly once, in the answer to the registration;
...              from then on Permiso keeps only a hash and never shows either again. Client ids
...              are unique, and a client's token lifetime must stay between five minutes and a
...              day. Only administrators manage clients. Every client here is registered by the
...              test itself; the shared client is never touched.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        clients


*** Test Cases ***
A Registered Client Gets Service Tokens With Its Secret
    [Documentation]    The secret shown at registration is the one that works at the token endpoint.
    [Tags]    smoke    critical
    ${client}    Register Service Client
    Registration Answer Should Describe The Client    ${client}
    ${grant}    Service Token Of    ${client}
    Service Token Should Identify The Client    ${grant}    ${client}[client_id]

The Secret Is Shown Only Once
    [Documentation]    Reading, listing or changing a client never shows its secret or a hash of it.
    [Tags]    critical
    ${client}    Register Service Client
    Client Record Should Not Reveal The Secret    ${client}

A Taken Client Id Cannot Be Registered Again
    [Documentation]    A second registration must not take over an existing client's identity.
    ${client}    Register Service Client
    Registering The Taken Client Id Again Should Be Refused    ${client}

Token Lifetimes Outside Five Minutes To A Day Are Refused
    [Documentation]    An out-of-range lifetime gets 422 and creates nothing.
    [Template]    Registering A Client With Token Lifetime Should Be Refused
    299
    86401
    0
    -300

Token Lifetimes At The Bounds Are Honoured
    [Documentation]    Five minutes and a day are allowed, and the tokens live exactly that long.
    [Template]    Client With Token Lifetime Should Get Tokens Of That Lifetime
    300
    86400

Only Administrators Can Register And List Clients
    [Documentation]    A client is a credential to the API: registering one is for administrators only.
    [Tags]    critical
    [Template]    Registering A Client Should Be Refused To
    nobody    401
    a normal user    403
    a service client    401|403


*** Keywords ***
Caller Token For
    [Documentation]    The bearer token of ``${who}``: ``nobody`` (None), ``a normal user`` (a
    ...    temporary user's login) or ``a service client`` (the shared client's service token).
    [Arguments]    ${who}
    IF    $who == 'nobody'    RETURN    ${None}
    IF    $who == 'a service client'
        ${grant}    Run As Set-up Step    get a service token    Get Service Token
        RETURN    ${grant}[access_token]
    END
    ${user}    Create Temporary User    qa-caller
    ${login}    Run As Set-up Step    log in as a normal user    Log In As Temporary User    ${user}
    RETURN    ${login}[access_token]

Registering A Client Should Be Refused To
    [Documentation]    ``${who}`` tries to register a client and to list the clients: both get
    ...    ``${status}`` (``401``, ``403`` or ``401|403``), and no client is created.
    [Arguments]    ${who}    ${status}
    ${token}    Caller Token For    ${who}
    ${client_id}    Generate Unique Name    qa-intruder
    VAR    &{body}    name=Intruder ${client_id}    client_id=${client_id}    is_trusted=${True}
    ${created}    Send Request    POST    ${SERVICE_CLIENTS_PATH}    expected_status=any    token=${token}
    ...    json=${body}
    Remember Temporary Resource    ${SERVICE_CLIENTS_PATH}${client_id}    service client ${client_id}
    Refusal Should Be    ${created}    ${status}    ${who}    could register a service client
    ${listed}    Send Request    GET    ${SERVICE_CLIENTS_PATH}    expected_status=any    token=${token}
    Refusal Should Be    ${listed}    ${status}    ${who}    could list the service clients
    Service Client Should Not Have Been Created    ${client_id}    when ${who} tried to register it

Registering A Client With Token Lifetime Should Be Refused
    [Documentation]    A client whose ``access_token_lifetime`` lies outside 300–86400 s gets 422
    ...    validation_error naming ``access_token_lifetime``, and no client is created.
    [Arguments]    ${lifetime}
    ${admin}    Login As Admin
    ${client_id}    Generate Unique Name    qa-lifetime
    VAR    &{body}    name=QA client ${client_id}    client_id=${client_id}
    ...    access_token_lifetime=${{ int($lifetime) }}
    ${response}    Send Request    POST    ${SERVICE_CLIENTS_PATH}    expected_status=any
    ...    token=${admin}[access_token]    json=${body}
    Remember Temporary Resource    ${SERVICE_CLIENTS_PATH}${client_id}    service client ${client_id}
    Validation Error Should Name    ${response}    access_token_lifetime
    ...    Registering a client with access_token_lifetime ${lifetime}
    Service Client Should Not Have Been Created    ${client_id}    by a refused registration

Client With Token Lifetime Should Get Tokens Of That Lifetime
    [Documentation]    A client registered with ``access_token_lifetime`` at a bound of the allowed
    ...    range is accepted, and its service tokens live that long.
    [Arguments]    ${lifetime}
    ${client}    Register Service Client    qa-lifetime    access_token_lifetime=${{ int($lifetime) }}
    ${grant}    Service Token Of    ${client}
    Expires In Should Match The Token Lifetime    ${grant}    ${lifetime}

Registering The Taken Client Id Again Should Be Refused
    [Documentation]    A second registration under an existing ``client_id`` gets 409 (in the
    ...    contract's error shape, §9 names no code) and leaves the first client as it was: its
    ...    secret still works and its name (read back as a side check) is the one it was
    ...    registered with.
    [Arguments]    ${client}
    ${admin}    Login As Admin
    ${original}    Evaluate    $client['response'].json()['client']
    VAR    &{body}    name=Impostor of ${client}[client_id]    client_id=${client}[client_id]
    ...    client_secret=impostor-secret-0123456789
    ${response}    Send Request    POST    ${SERVICE_CLIENTS_PATH}    expected_status=any
    ...    token=${admin}[access_token]    json=${body}
    Refusal In The Error Shape Should Be    ${response}    409
    ...    A second registration of the taken client id ${client}[client_id]    was accepted
    Service Token Should Be Granted To    ${client}
    ${read}    Side Route Answer    confirm that ${client}[client_id] kept its name
    ...    ${SERVICE_CLIENTS_PATH}${client}[client_id]    schema=service_client    token=${admin}[access_token]
    VAR    ${now}    ${{ $read.json().get('name') if $read is not None else $original['name'] }}
    Should Be Equal    ${now}    ${original}[name]    values=False
    ...    msg=After the refused second registration, ${client}[client_id] is named '${now}', not '${original}[name]'
