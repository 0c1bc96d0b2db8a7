*** Settings ***
Documentation    Every user looks after its own account: it reads its record at /users/me and
...              /users/profile, changes its profile at /users/me and changes its password with
...              the current one. A password change must lock out whoever knew the old password,
...              and (hardening) whoever holds a token from before the change.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Users See Their Own Record
    [Documentation]    Both /users/me and /users/profile show the signed-in user.
    [Tags]    smoke
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Own Record Should Be Shown At    ${USERS_ME_PATH}    ${login}    ${user}
    Own Record Should Be Shown At    ${USERS_PROFILE_PATH}    ${login}    ${user}

Users Change Their Own Profile
    [Documentation]    Profile changes at /users/me are stored and shown to administrators.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${response}    Change Own Profile    ${login}    first_name=Katherine    last_name=Johnson
    ...    display_name=KJ    bio=Checked the orbit by hand.
    Answer Should Show User    ${response}    The answer to PUT ${USERS_ME_PATH}    first_name=Katherine
    User Record Should Show    ${user}[id]    after the user changed its profile
    ...    first_name=Katherine    last_name=Johnson    display_name=KJ    bio=Checked the orbit by hand.

Profile Changes Ignore Other Keys
    [Documentation]    Keys other than the profile fields in PUT /users/me change nothing.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Change Own Profile    ${login}    display_name=Plain    is_superuser=${True}    username=someone-else
    User Record Should Show    ${user}[id]    after a profile change with extra keys
    ...    display_name=Plain    is_superuser=${False}    username=${user}[username]

Users Change Their Own Password
    [Documentation]    After a password change the old password fails and the new one works.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${new_password}    Change Own Password    ${user}    ${login}
    Login Should Be Refused With    ${user}    ${user}[password]    the old password
    Login Should Work With    ${user}    ${new_password}    the new password

A Wrong Current Password Is Refused
    [Documentation]    Without the right current password the password stays as it was.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${guess}    Generate Password
    ${new_password}    Generate Password
    ${response}    Submit Password Change    ${user}    ${login}    ${guess}    ${new_password}
    Response Status Should Be    ${response}    400
    ...    A password change with a wrong current password: PUT ${USERS_PATH}/${user}[id]/password
    Login Should Work With    ${user}    ${user}[password]    the unchanged password

Tokens From Before A Password Change Stop Working
    [Documentation]    A password change ends the sessions of whoever knew the old password.
    [Tags]    hardening
    ${user}    Create Temporary User
    ${earlier}    Log In As Temporary User    ${user}
    ${login}    Log In As Temporary User    ${user}
    Change Own Password    ${user}    ${login}
    Access Token Should Be Refused    ${earlier}[access_token]    after the password was changed
