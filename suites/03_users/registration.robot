*** Settings ***
Documentation    Anyone may open an account at /users/register. A new account is an ordinary
...              one, whatever the request claims: privilege fields such as ``is_superuser`` or
...              ``role_ids`` are ignored. Real deployments limit registrations per client address
...              (a few an hour), so this suite registers as few accounts as it can; a test that
...              meets the limit is skipped and says so. Registered accounts are deleted at the end.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Anyone Can Register And Sign In
    [Documentation]    A new account shows what was sent and can sign in straight away.
    [Tags]    smoke
    ${details}    New User Details    reg    first_name=Alan    last_name=Turing    display_name=Prof
    ${response}    Register User    ${details}
    Answer Should Show User    ${response}    The answer to POST ${USERS_REGISTER_PATH}
    ...    username=${details}[username]    email=${details}[email]    first_name=Alan    last_name=Turing
    ...    display_name=Prof    is_superuser=${False}
    ${user}    Registered User    ${details}    ${response}
    ${login}    Log In As Temporary User    ${user}
    Own Record Should Be Shown At    ${USERS_ME_PATH}    ${login}    ${user}

Registration Ignores Privilege Fields
    [Documentation]    Nobody becomes an administrator by asking for it at registration.
    [Tags]    critical
    ${claims}    Privilege Fields Claiming
    ${details}    New User Details    reg    &{claims}
    ${response}    Register User    ${details}
    ${user}    Registered User    ${details}    ${response}
    User Should Hold No Administrator Rights    ${user}
    ${login}    Log In As Temporary User    ${user}
    Administration Should Be Refused To    ${login}    the registered user ${user}[username]
