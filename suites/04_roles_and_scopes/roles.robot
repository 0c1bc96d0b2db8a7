*** Settings ***
Documentation    Roles bundle scopes under a name an administrator can give to users (contract
...              §7). Administrators create, read, rename, re-scope and delete roles; the list
...              finds a role by name or by a scope it holds and pages through the rest. Role
...              names are unique and 2 to 50 characters long. Every role a test makes has a
...              unique name and is deleted at the end of the test.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        roles


*** Test Cases ***
Administrators Can Create A Role
    [Documentation]    A new role is stored with its name, description and scopes, and no users yet.
    [Tags]    smoke
    ${scope}    Create Temporary Scope
    ${name}    Generate Unique Name    qa_role
    ${role}    Role Should Be Created    ${name}    Reads the test resource    ${scope}[id]
    Role Should Read Back As    ${role}[id]    ${name}    Reads the test resource    ${scope}[id]

Role Changes Are Visible On Read
    [Documentation]    A new name, description and set of scopes replace the old ones.
    ${first}    Create Temporary Scope
    ${second}    Create Temporary Scope
    ${role}    Create Temporary Role    ${first}[id]
    ${new_name}    Generate Unique Name    qa_renamed
    Change Role    ${role}[id]    name=${new_name}    description=Changed by the test
    ...    scope_ids=${{ [$second['id']] }}
    Role Should Read Back As    ${role}[id]    ${new_name}    Changed by the test    ${second}[id]

Deleted Roles Are Gone
    [Documentation]    Deleting a role answers 204, after which the role is not found.
    ${role}    Create Temporary Role
    Delete Role    ${role}[id]
    Role Should Not Exist    ${role}[id]    after DELETE answered 204

The Role List Finds A Role By Its Name
    [Documentation]    Searching for a role's unique name lists that role and only it.
    [Tags]    route:get:/api/v1/roles/
    ${role}    Create Temporary Role
    Role List Should Be    ${{ [$role['name']] }}    search=${role}[name]

The Role List Finds The Roles Holding A Scope
    [Documentation]    Filtering by a scope lists the roles that hold it and not the others.
    [Tags]    route:get:/api/v1/roles/
    ${scope}    Create Temporary Scope
    ${holder}    Create Temporary Role    ${scope}[id]    prefix=qa_pair
    Create Temporary Role    prefix=qa_pair
    Role List Should Be    ${{ [$holder['name']] }}    scope_id=${scope}[id]

The Role List Is Paged
    [Documentation]    Three roles two to a page give two pages, the second with the third role.
    [Tags]    route:get:/api/v1/roles/
    ${prefix}    Generate Unique Name    qa_page
    Create Temporary Role    prefix=${prefix}
    Create Temporary Role    prefix=${prefix}
    Create Temporary Role    prefix=${prefix}
    ${first}    List Roles    search=${prefix}    per_page=2    page=1
    Pagination Should Be    ${first}    roles    items=2    total=3    page=1    per_page=2    pages=2
    ${second}    List Roles    search=${prefix}    per_page=2    page=2
    Pagination Should Be    ${second}    roles    items=1    total=3    page=2    per_page=2    pages=2

A Role Counts The Users Holding It
    [Documentation]    ``user_count`` tells how many users hold the role.
    ${role}    Create Temporary Role
    Create Temporary User Holding Roles    ${role}
    Create Temporary User Holding Roles    ${role}
    Role User Count Should Be    ${role}[id]    2

A Taken Role Name Is Refused
    [Documentation]    A second role with the name of an existing one gets 409 and is not created.
    ${role}    Create Temporary Role
    Creating A Role Should Be Refused    ${role}[name]    409    with a name already taken
    Role Should Be Named Only Once    ${role}[name]

Requests About An Unknown Role Are Not Found
    [Documentation]    Reading, changing, re-scoping or deleting a role that does not exist gets 404.
    [Template]    Request About An Unknown Role Should Not Be Found
    GET    ${EMPTY}
    PUT    ${EMPTY}    ${{ {'description': 'nobody'} }}
    DELETE    ${EMPTY}
    PUT    /scopes    ${{ {'scope_ids': []} }}
