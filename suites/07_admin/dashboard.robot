*** Settings ***
Documentation    The dashboard is the operator's first look at a Permiso: how many users,
...              roles, service clients and logins there are. Its numbers are only useful if they
...              are real counts that follow what happens on the service. Other tests create and
...              delete users and fail logins at the same time, so a count is only expected to
...              move in the right direction, never to reach an exact value.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        admin


*** Test Cases ***
Dashboard Reports Every Count Of The Contract
    [Documentation]    Counts are whole numbers, no part exceeds its whole, the shared accounts are counted.
    [Tags]    smoke
    Dashboard Counts Should Be Consistent

Dashboard User Count Follows New Users
    [Documentation]    Creating five users moves the user total by at least one, whatever other tests do meanwhile.
    Dashboard User Count Should Follow New Users    5

Dashboard Counts A Failed Login
    [Documentation]    A wrong password moves today's failed-login count by at least one.
    ${user}    Create Temporary User
    ${before}    Failed Logins Today
    Fail A Login Of    ${user}
    Failed Logins Today Should Have Grown Since    ${before}


*** Keywords ***
Dashboard User Count Should Follow New Users
    [Documentation]    Creating ``${count}`` users moves ``users.total`` by at least one. Other
    ...    tests delete users at the same moment (the performance suite 50 at once), so a round
    ...    in which their deletions outweigh the new users is measured again, up to three
    ...    rounds; a count that never moves fails every round.
    [Arguments]    ${count}
    Wait Until Keyword Succeeds    3x    0 s    Dashboard User Count Should Grow In One Round    ${count}

Dashboard User Count Should Grow In One Round
    [Documentation]    One round of `Dashboard User Count Should Follow New Users`.
    [Arguments]    ${count}
    ${before}    Dashboard Count    users    total
    Create Temporary Users    ${count}
    Dashboard Count Should Have Grown    users    total    ${before}    after=creating ${count} users
