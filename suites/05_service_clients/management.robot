*** Settings ***
Documentation    Administrators keep the register of service clients up to date: they read and
...              change a client's record, find clients in the list by search and filters, switch
...              a client off (for example after a leak) and on again, and delete it. A client
...              that is switched off or deleted can no longer get tokens. Each test registers
...              its own clients under a unique prefix and narrows every list to that prefix.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        clients


*** Test Cases ***
Changes To A Client Are Kept
    [Documentation]    What an administrator changes is what the client's record shows afterwards.
    [Tags]    smoke
    ${client}    Create Temporary Service Client
    Update Service Client    ${client}    name=Renamed ${client}[client_id]    description=Nightly export
    ...    is_trusted=${True}    rate_limit_per_minute=${42}
    Service Client Fields Should Be    ${client}[client_id]    name=Renamed ${client}[client_id]
    ...    description=Nightly export    is_trusted=${True}    rate_limit_per_minute=${42}

A Search Finds Exactly The Clients With The Prefix
    [Documentation]    Searching by a client-id prefix lists those clients and counts them.
    ${batch}    Register Clients Of One Batch
    ${listed}    Service Clients Listed For    ${batch}[prefix]
    Listed Client Ids Should Be    ${listed}    ${batch}[first]    ${batch}[second]

Filters Narrow The Client List
    [Documentation]    Each filter keeps only the clients it describes.
    [Template]    Filtering A Batch Should List Only
    is_active    true    first
    is_active    false    second
    is_trusted    true    first
    is_trusted    false    second
    client_type    confidential    first
    client_type    public    second

The Client List Is Paginated
    [Documentation]    Large registers are read page by page; every client appears on exactly one page.
    ${batch}    Register Clients Of One Batch
    Pagination Of The Batch Should Split It Into Pages Of One    ${batch}

A Deactivated Client Shows It Cannot Authenticate
    [Documentation]    The record tells an administrator at once that a switched-off client is cut off.
    ${client}    Create Temporary Service Client
    Update Service Client    ${client}    is_active=${False}
    Service Client Fields Should Be    ${client}[client_id]    is_active=${False}    can_authenticate=${False}
    Service Token Should Be Refused As Disabled    ${client}

A Reactivated Client Gets Tokens Again
    [Documentation]    Switching a client back on restores its access with the same secret.
    ${client}    Create Temporary Service Client
    Disable Service Client    ${client}
    Enable Service Client    ${client}
    Service Token Should Be Granted To    ${client}

A Deleted Client Is Gone And Gets No Tokens
    [Documentation]    Deleting a client removes its record and its access at once.
    [Tags]    critical
    ${client}    Create Temporary Service Client
    Delete Service Client    ${client}
    Service Client Should Not Exist    ${client}[client_id]    after it was deleted
    Service Token Should Be Refused For The Secret Of    ${client}    the secret of the deleted client


*** Keywords ***
Filtering A Batch Should List Only
    [Documentation]    Registers a batch of two different clients and lists it with one filter.
    [Arguments]    ${name}    ${value}    ${expected}
    ${batch}    Register Clients Of One Batch
    Listing Of The Batch Should Show    ${batch}    ${name}    ${value}    ${expected}
