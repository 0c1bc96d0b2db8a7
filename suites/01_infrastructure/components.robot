*** Settings ***
Documentation    Permiso keeps users, roles and clients in PostgreSQL and keeps token
...              revocations, lockout counters and sessions in Redis. A green /health only says
...              that the parts answer; these tests go one step further and make each part do
...              real work through the public API, and read the administrator's component
...              report that operators use when something degrades.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        infrastructure


*** Test Cases ***
Admin System Health Reports Every Component
    [Documentation]    Operators read each component's state and probe time when the service degrades.
    [Tags]    smoke
    Admin System Health Should Report The Components    database    redis    jwt_service

Database Serves An Administrative Read
    [Documentation]    Only the database knows the user directory: finding the admin proves it answers.
    [Tags]    smoke    route:get:/api/v1/users/
    User Directory Should List The Admin Account

Cache Remembers A Revoked Token
    [Documentation]    Revocations live in the cache: a logged-out token is refused only if the cache works.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Log Out    ${login}
    Access Token Should Be Refused    ${login}[access_token]    after logout
