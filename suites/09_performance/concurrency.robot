*** Settings ***
Documentation    Peaks come in bursts: a shift starts and everybody logs in at once, an import
...              creates many accounts at the same moment. ``TEST_CONCURRENT_USERS`` requests are
...              sent at the same instant, each on its own connection. All must succeed, and the
...              service may queue them but not serve them slower than one at a time at the
...              category's threshold (whole burst / requests within ``PERF_*_THRESHOLD_MS``).
...              Every user created here is removed at the end of its test.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        performance


*** Test Cases ***
Simultaneous Logins All Succeed
    [Documentation]    Every user of a burst gets its own token, within the auth threshold per request.
    ${users}    Run As Set-up Step    create the users who log in at once
    ...    Create Temporary Users    ${TEST_CONCURRENT_USERS}    burst
    ${burst}    Log In Concurrently    ${users}
    Every Login Should Have Its Own Token    ${burst}    ${TEST_CONCURRENT_USERS}
    Burst Times Should Meet Threshold    concurrent logins    ${burst.stats}    ${PERF_AUTH_THRESHOLD_MS}
    ...    ${TEST_CONCURRENT_USERS} simultaneous POST ${AUTH_TOKEN_PATH}

Simultaneous User Creations All Succeed
    [Documentation]    Every account of a burst is created and listed, within the CRUD threshold per request.
    ${admin}    Run As Set-up Step    log in as the administrator    Login As Admin
    ${prefix}    Generate Unique Name    burst
    ${created}    Create Users Concurrently    ${TEST_CONCURRENT_USERS}    ${prefix}    ${admin}[access_token]
    Users Named With Prefix Should Number    ${prefix}    ${TEST_CONCURRENT_USERS}
    Burst Times Should Meet Threshold    concurrent user creations    ${created.stats}
    ...    ${PERF_CRUD_THRESHOLD_MS}    ${TEST_CONCURRENT_USERS} simultaneous POST ${USERS_PATH}
