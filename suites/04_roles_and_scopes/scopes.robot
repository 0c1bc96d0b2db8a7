*** Settings ***
Documentation    Scopes are the permissions roles hand out, named ``action:resource``
...              (``read:profile``) or ``admin:<area>`` (contract §7). Administrators create,
...              read, change and delete them; the list filters by name, resource and action.
...              Scope names are unique and 2 to 100 characters long. Every scope a test makes
...              has a unique resource name and is deleted at the end of the test.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        roles


*** Test Cases ***
Administrators Can Create A Scope
    [Documentation]    A new scope is stored with its name, resource, action and description.
    [Tags]    smoke
    ${resource}    Generate Unique Name    qa_res
    ${scope}    Scope Should Be Created    write:${resource}    ${resource}    write    description=Writes it
    Scope Should Read Back As    ${scope}[id]    name=write:${resource}    resource=${resource}    action=write
    ...    description=Writes it

Scope Changes Are Visible On Read
    [Documentation]    A new name, resource, action and description replace the old ones.
    ${scope}    Create Temporary Scope
    ${resource}    Generate Unique Name    qa_moved
    Change Scope    ${scope}[id]    name=delete:${resource}    resource=${resource}    action=delete
    ...    description=Changed by the test
    Scope Should Read Back As    ${scope}[id]    name=delete:${resource}    resource=${resource}    action=delete
    ...    description=Changed by the test

Deleted Scopes Are Gone
    [Documentation]    Deleting a scope answers 204, after which the scope is not found.
    ${scope}    Create Temporary Scope
    Delete Scope    ${scope}[id]
    Scope Should Not Exist    ${scope}[id]    after DELETE answered 204

A Scope Counts The Roles Holding It
    [Documentation]    ``role_count`` tells how many roles hold the scope.
    ${scope}    Create Temporary Scope
    Create Temporary Role    ${scope}[id]
    Create Temporary Role    ${scope}[id]
    Scope Role Count Should Be    ${scope}[id]    2

The Scope List Finds A Scope By Its Name
    [Documentation]    Searching for a scope's unique name lists that scope and only it.
    [Tags]    route:get:/api/v1/roles/scopes/
    ${scope}    Create Temporary Scope
    Scope List Should Be    ${{ [$scope['name']] }}    search=${scope}[name]

The Scope List Filters By Resource
    [Documentation]    Filtering by a resource lists every scope of that resource and no other.
    [Tags]    route:get:/api/v1/roles/scopes/
    ${read}    Create Temporary Scope    qa_shared    read
    ${write}    Create Temporary Scope Of The Same Resource    ${read}    write
    Create Temporary Scope    qa_elsewhere    write
    Scope List Should Be    ${{ [$read['name'], $write['name']] }}    resource=${read}[resource]

The Scope List Filters By Action
    [Documentation]    Filtering by resource and action lists only the scope doing that action.
    [Tags]    route:get:/api/v1/roles/scopes/
    ${read}    Create Temporary Scope    qa_shared    read
    Create Temporary Scope Of The Same Resource    ${read}    write
    Scope List Should Be    ${{ [$read['name']] }}    resource=${read}[resource]    action=read

A Taken Scope Name Is Refused
    [Documentation]    A second scope with the name of an existing one gets 409 and is not created.
    ${scope}    Create Temporary Scope
    Creating A Scope Should Be Refused    ${scope}[name]    409    with a name already taken
    Scope Should Be Named Only Once    ${scope}[name]

Requests About An Unknown Scope Are Not Found
    [Documentation]    Reading, changing or deleting a scope that does not exist gets 404.
    [Template]    Request About An Unknown Scope Should Not Be Found
    GET
    PUT    ${{ {'description': 'nobody'} }}
    DELETE
