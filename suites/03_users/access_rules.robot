*** Settings ***
Documentation    A user may read and change only its own account, and only its profile: its
...              roles, state and superuser flag are for administrators to set, and its username
...              and password cannot be changed through the profile route. The administration of
...              accounts is closed to normal users. Every refusal is checked for its effect:
...              an administrator's read shows that nothing changed.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Users Cannot Read Another User
    [Documentation]    One user's record is not for another user to read.
    [Tags]    critical
    ${owner}    Create Temporary User    owner
    ${other}    Create Temporary User    other
    ${login}    Log In As Temporary User    ${other}
    ${response}    Try To Read User    ${login}    ${owner}
    Refusal Should Be Forbidden    ${response}    A normal user    could read another user's record
    Should Not Contain    ${response.text}    ${owner}[email]    values=False
    ...    msg=The refusal of GET ${USERS_PATH}/${owner}[id] still shows the owner's e-mail address

Users Cannot Change Another User
    [Documentation]    One user cannot change another user's profile.
    [Tags]    critical
    ${owner}    Create Temporary User    owner    display_name=Original
    ${other}    Create Temporary User    other
    ${login}    Log In As Temporary User    ${other}
    ${response}    Try To Change User    ${login}    ${owner}    ${{ {'display_name': 'Defaced'} }}
    Refusal Should Be Forbidden    ${response}    A normal user    could change another user's record
    Read-Back Of User Should Show    ${owner}[id]    after another user tried to change it    display_name=Original

Users Cannot Change Another User's Password
    [Documentation]    Nobody but the owner (or an administrator) sets an account's password.
    [Tags]    critical
    ${owner}    Create Temporary User    owner
    ${other}    Create Temporary User    other
    ${login}    Log In As Temporary User    ${other}
    ${new_password}    Generate Password
    ${response}    Submit Password Change    ${owner}    ${login}    ${other}[password]    ${new_password}
    Refusal Should Be Forbidden    ${response}    A normal user    could set another user's password
    Login Should Work With    ${owner}    ${owner}[password]    the unchanged password

Users Cannot Give Themselves Privileges
    [Documentation]    A normal user sending a privilege field for itself gets 403 and keeps its account as it was.
    [Tags]    critical
    [Template]    Own Privilege Change Should Be Refused
    role_ids
    is_active
    is_verified
    is_superuser

Username And Password Cannot Be Changed Through The Profile
    [Documentation]    PUT /users/{id} rejects a username or password with 422 and keeps both.
    [Template]    Identity Change Should Be Rejected
    username
    password

Normal Users Cannot Administer Accounts
    [Documentation]    The administration of accounts answers a normal user with 403 and does nothing.
    [Tags]    critical    route:get:/api/v1/users/
    [Template]    Administration Attempt Should Be Refused
    list users
    read statistics
    create a user
    delete a user
