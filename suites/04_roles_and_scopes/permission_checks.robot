*** Settings ***
Documentation    Other services ask Permiso whether a user may do something (contract §7): one
...              check, several at once, or all of a user's roles and scopes. These routes need
...              the scope ``admin:permissions`` in the caller's verified token: being an
...              administrator is not enough, and nothing in the request body or query counts.
...              Their answers agree with the scopes the user's own next login carries; a scope
...              ``admin:<r>`` also allows reading and writing ``<r>``.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        roles


*** Test Cases ***
Checking A Permission Needs The Permissions Scope In The Token
    [Documentation]    An admin token granted only admin:users is refused; the full admin token is not.
    [Template]    Permission Route Should Need The Permissions Scope
    check

Checking Permissions In Bulk Needs The Permissions Scope In The Token
    [Documentation]    An admin token granted only admin:users is refused; the full admin token is not.
    [Template]    Permission Route Should Need The Permissions Scope
    check-bulk

Reading A User's Permissions Needs The Permissions Scope In The Token
    [Documentation]    An admin token granted only admin:users is refused; the full admin token is not.
    [Template]    Permission Route Should Need The Permissions Scope
    user

Claiming The Permissions Scope In The Request Grants Nothing
    [Documentation]    A normal user whose body and query claim admin:permissions is refused by every permission route.
    [Template]    Permission Route Should Refuse A Normal User Claiming The Scope
    check
    check-bulk
    user

Permission Routes Do Not Find An Unknown User
    [Documentation]    Asking about a user id that does not exist gets 404 from every permission route.
    [Template]    Permission Route Should Not Find An Unknown User
    check
    check-bulk
    user

A Held Scope Allows Its Action On Its Resource
    [Documentation]    A user holding read:<r> may read <r>, and the answer names that scope.
    [Tags]    smoke
    ${scope}    Create Temporary Scope    qa_checked    read
    ${user}    Create Temporary User Holding Scopes    ${scope}
    Permission Should Be    ${user}    read    ${scope}[resource]    allowed    ${scope}[name]

A Scope Not Held Does Not Allow
    [Documentation]    A user holding read:<r> may not write <r> nor read another resource.
    [Tags]    critical
    ${scope}    Create Temporary Scope    qa_checked    read
    ${elsewhere}    Create Temporary Scope    qa_elsewhere    read
    ${user}    Create Temporary User Holding Scopes    ${scope}
    Permission Should Be    ${user}    write    ${scope}[resource]    denied    ${scope}[name]
    Permission Should Be    ${user}    read    ${elsewhere}[resource]    denied    ${scope}[name]

An Admin Scope Allows Reading And Writing Its Area
    [Documentation]    A user holding admin:<r> may read and write <r>, as the contract says admin implies.
    ${scope}    Create Temporary Scope    qa_area    admin
    ${user}    Create Temporary User Holding Scopes    ${scope}
    Permission Should Be    ${user}    read    ${scope}[resource]    allowed    ${scope}[name]
    Permission Should Be    ${user}    write    ${scope}[resource]    allowed    ${scope}[name]

A Body Claiming Scopes For The User Grants Nothing
    [Documentation]    A body saying a user without roles holds the scope and is a superuser allows nothing.
    [Tags]    critical
    ${scope}    Create Temporary Scope    qa_claimed    read
    ${user}    Create Temporary User Holding Roles
    Check With Claimed Scopes Should Not Allow    ${user}    ${scope}

A Bulk Check Answers Each Permission Like The User's Token
    [Documentation]    One result per permission, in order, and the user's scopes are those its next login carries.
    ${read}    Create Temporary Scope    qa_bulk    read
    ${user}    Create Temporary User Holding Scopes    ${read}
    VAR    @{pairs}    read:${read}[resource]    write:${read}[resource]    read:${read}[resource]x
    Bulk Check Should Agree With The Token    ${user}    ${pairs}    ${{ ['allowed', 'denied', 'denied'] }}

A User's Permissions Are The Roles And Scopes Its Token Carries
    [Documentation]    The permissions of a user name its role and exactly the scopes of its next login.
    ${read}    Create Temporary Scope    qa_listed    read
    ${write}    Create Temporary Scope Of The Same Resource    ${read}    write
    ${user}    Create Temporary User Holding Scopes    ${read}    ${write}
    User Permissions Should Agree With The Token    ${user}
