*** Settings ***
Documentation    Administrators look after every account: they create users with their profile,
...              state and roles, read and change them, and delete them. A deleted account must
...              be gone for good, including the tokens it was holding, and a username or e-mail
...              address can belong to one account only. Each test works on users it creates.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Administrators Create A User With Every Field
    [Documentation]    Everything an administrator sets on a new account is stored as sent.
    [Tags]    smoke
    ${details}    User Details With Every Field
    ${response}    Create User As Administrator    &{details}
    ${shown}    Without Password    ${details}
    Answer Should Show User    ${response}    The answer to POST ${USERS_PATH}    &{shown}
    Read-Back Of User Should Show    ${response.json()}[id]    after creating the user    &{shown}

Administrators Read Any User
    [Documentation]    An administrator's lookup of an account shows that account.
    [Tags]    smoke
    ${user}    Create Temporary User    first_name=Grace    last_name=Hopper
    User Record Should Show    ${user}[id]    for a user just created
    ...    id=${user}[id]    username=${user}[username]    email=${user}[email]
    ...    first_name=Grace    last_name=Hopper

Administrators Change A User
    [Documentation]    A change by an administrator is visible on the next read of the account.
    ${user}    Create Temporary User    is_active=${True}    is_verified=${False}
    ${response}    Update User As Administrator    ${user}    display_name=Night Shift
    ...    bio=Moved to the night shift.    is_verified=${True}    is_active=${False}
    Answer Should Show User    ${response}    The answer to PUT ${USERS_PATH}/${user}[id]
    ...    display_name=Night Shift    is_verified=${True}    is_active=${False}
    Read-Back Of User Should Show    ${user}[id]    after the change
    ...    display_name=Night Shift    bio=Moved to the night shift.    is_verified=${True}    is_active=${False}

Deleted Users Are Gone And Their Tokens Stop Working
    [Documentation]    Deleting an account removes it and ends every token it was holding.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Delete User As Administrator    ${user}
    User Should Not Exist    ${user}[id]
    Access Token Should Be Refused    ${login}[access_token]    after the user was deleted

Looking Up An Unknown User Gives Not Found
    [Documentation]    An administrator asking for an account that does not exist gets 404.
    ${unknown}    Unknown User Id
    User Should Not Exist    ${unknown}    A user id nobody has

A Taken Username Is Refused
    [Documentation]    A second account with an existing username is refused with 409 and not created.
    ${first}    Create Temporary User    taken
    ${second}    New User Details    username=${first}[username]
    ${response}    Try To Create User As Administrator    &{second}
    Creation Should Be Refused As Taken    ${response}    email    ${second}
    ...    Creating a second user named ${first}[username]

A Taken E-Mail Address Is Refused
    [Documentation]    A second account with an existing e-mail address is refused with 409 and not created.
    ${first}    Create Temporary User    taken
    ${second}    New User Details    email=${first}[email]
    ${response}    Try To Create User As Administrator    &{second}
    Creation Should Be Refused As Taken    ${response}    username    ${second}
    ...    Creating a second user with the e-mail ${first}[email]

An Unknown Role Creates Nothing
    [Documentation]    A new account naming a role that does not exist is refused with 422 and not created.
    ${unknown_role}    Unknown User Id
    ${details}    New User Details    role_ids=${{ [$unknown_role] }}
    ${response}    Try To Create User As Administrator    &{details}
    Creation Should Be Refused As Invalid    ${response}    role_ids    ${details}
    ...    Creating a user with an unknown role id
