*** Settings ***
Documentation    Brute-force protection (contract §8.1): after MAX_LOGIN_ATTEMPTS consecutive
...              wrong passwords an existing account is locked for LOCKOUT_DURATION_SECONDS, and
...              while it is locked even the right password is refused. The lock lifts by itself,
...              a successful login before the limit starts the count again, and unknown user
...              names are never locked (a lock would reveal that a name exists). Every test
...              locks only an account it created itself.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        auth


*** Test Cases ***
Locked Account Refuses Even The Right Password
    [Documentation]    A lock that the right password could bypass would not stop a guesser who finds it.
    [Tags]    critical
    ${user}    Create Temporary User
    Enter Wrong Passwords Up To The Limit    ${user}
    Login Should Be Refused As Locked    ${user}

Wrong Passwords During A Lock Neither Succeed Nor Lift It
    [Documentation]    Guessing on during a lock gets nowhere: refused as locked or as invalid, and the lock holds.
    [Tags]    critical
    ${user}    Create Temporary User
    Enter Wrong Passwords Up To The Limit    ${user}
    Wrong Password During The Lock Should Be Refused    ${user}
    Login Should Be Refused As Locked    ${user}

Locked Account Answer Says When To Retry
    [Documentation]    Clients learn from Retry-After when the lock lifts.
    [Tags]    hardening
    ${user}    Create Temporary User
    Enter Wrong Passwords Up To The Limit    ${user}
    Locked Answer Should Say When To Retry    ${user}

Lock Lifts After The Lockout Duration
    [Documentation]    A lock is temporary: after LOCKOUT_DURATION_SECONDS the owner can sign in again.
    [Tags]    slow
    Lockout Duration Should Be Short Enough To Wait For    max_seconds=60
    ${user}    Create Temporary User
    Enter Wrong Passwords Up To The Limit    ${user}
    Login Should Be Refused As Locked    ${user}
    Wait Out The Lockout Duration
    Login Should Succeed Again    ${user}

Successful Login Resets The Failure Count
    [Documentation]    Only consecutive failures count: a user's occasional typo never adds up to a lock.
    ${user}    Create Temporary User
    Enter Wrong Passwords Just Below The Limit    ${user}
    Log In As Temporary User    ${user}
    Enter Wrong Passwords Just Below The Limit    ${user}
    Login Should Succeed Again    ${user}

Unknown User Names Are Never Locked
    [Documentation]    Locking unknown names would reveal which names exist.
    ${unknown}    Unique Unknown Username
    Wrong Passwords Beyond The Limit Should All Be Refused As Invalid    ${unknown}
