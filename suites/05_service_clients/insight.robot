*** Settings ***
Documentation    Administrators see what a client may reach (its permissions), how much of its
...              request budget is left (its rate limit) and how many clients are registered,
...              active and trusted. Asking about a client that does not exist is answered with
...              404 and never creates one.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        clients


*** Test Cases ***
Permissions Follow The Client's Scopes
    [Documentation]    The permission view lists the client's scopes as resources and actions, without admin access.
    ${client}    Create Temporary Service Client
    Client Permissions Should Follow Its Scopes    ${client}    read:profile

Permissions Follow A Change Of Scopes
    [Documentation]    After its scopes change, the permission view shows the new ones only.
    ${client}    Create Temporary Service Client
    Replace Client Scopes    ${client}    read:profile    write:profile
    Client Permissions Should Follow Its Scopes    ${client}    read:profile    write:profile

Rate Limit Shows The Client's Budget
    [Documentation]    The rate-limit view reports the limits the client was registered with.
    ${client}    Create Temporary Service Client    rate_limit_per_minute=${37}    rate_limit_per_hour=${733}
    Client Rate Limit Should Show Its Limits    ${client}    37    733

Statistics Count Registered Clients
    [Documentation]    The overview counts active and trusted clients, never more than the total.
    Create Temporary Service Client    is_trusted=${True}    is_active=${True}
    Client Statistics Should Count The Trusted Active Client

Unknown Clients Are Answered With Not Found
    [Documentation]    Every route about one client answers 404 for an id nobody registered.
    [Template]    Request For An Unknown Client Should Be Answered 404
    GET    ${EMPTY}
    PUT    ${EMPTY}    ${{ {'description': 'No such client'} }}
    DELETE    ${EMPTY}
    POST    /rotate-secret    ${{ {'current_secret': 'not-the-current-secret-0123456789'} }}
    PUT    /scopes    ${{ {'scope_ids': []} }}
    GET    /permissions
    GET    /rate-limit


*** Keywords ***
Request For An Unknown Client Should Be Answered 404
    [Documentation]    ``${method}`` on ``/service-clients/<unknown>${route}`` as an administrator
    ...    gets 404 with the contract's error body, and creates no such client.
    [Arguments]    ${method}    ${route}    ${body}=${None}
    ${admin}    Login As Admin
    ${client_id}    Generate Unique Name    qa-unknown
    ${response}    Send Request    ${method}    ${SERVICE_CLIENTS_PATH}${client_id}${route}
    ...    expected_status=any    token=${admin}[access_token]    json=${body}
    Remember Temporary Resource    ${SERVICE_CLIENTS_PATH}${client_id}    service client ${client_id}
    Refusal In The Error Shape Should Be    ${response}    404
    ...    A ${method} …${route} of an unknown client    was answered as if the client existed
    Service Client Should Not Have Been Created    ${client_id}    by ${method} …${route} on an unknown client
