*** Settings ***
Documentation    Security staff follow attacks on accounts through the security events: failed
...              logins, lockouts and revocations are recorded with the user they concern. The
...              list holds the events of every test running at the same time, so each test looks
...              for the events of its own temporary user in the last hour.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        admin


*** Test Cases ***
A Failed Login Is Recorded As A Security Event
    [Documentation]    A wrong password leaves an event naming the user, found again when filtering by its type.
    ${user}    Create Temporary User
    Fail A Login Of    ${user}
    ${event}    Security Events Should List The User    ${user}    after=a failed login
    Security Events Of Type Should List The User    ${event}    ${user}

A Lockout Is Recorded As Security Events
    [Documentation]    Locking an account by repeated wrong passwords records each failed login and the lock.
    ${user}    Create Temporary User
    Enter Wrong Passwords Up To The Limit    ${user}
    Security Events Should Record Every Failed Login And The Lock    ${user}
