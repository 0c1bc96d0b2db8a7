*** Settings ***
Documentation    Logging out ends the login at once on the server side, not just in the client:
...              the presented access token is refused everywhere and the refresh token of the
...              same login can no longer mint new tokens. Each test logs out a user it created,
...              so no shared session is ended.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Logout Revokes The Access Token
    [Documentation]    After logout the access token is refused everywhere.
    [Tags]    smoke    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Log Out    ${login}
    Access Token Should Be Refused    ${login}[access_token]    after logout

Logout Revokes The Refresh Token
    [Documentation]    After logout the login cannot be revived by refreshing.
    [Tags]    critical
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Log Out    ${login}
    Refresh Should Be Refused    ${login}[refresh_token]    the refresh token of a logged-out login

Logout Reports The Sessions It Ended
    [Documentation]    Clients learn how many sessions the logout ended.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${answer}    Log Out    ${login}
    Logout Answer Should Report Terminated Sessions    ${answer}
