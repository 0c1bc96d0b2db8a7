*** Settings ***
Documentation    Operators keep a Permiso running with a handful of administrative tools: the
...              component report they read when the service degrades, the usage report, a
...              clean-up of expired data, a configuration reload and the log of recent errors.
...              Each answer must have the contract's shape, and the tools that change something
...              must not harm what is still in use.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        admin


*** Test Cases ***
System Health Reports Each Component Consistently
    [Documentation]    The overall status agrees with the database, cache and token service it reports on.
    ${report}    System Health Report
    Overall Status Should Agree With The Components    ${report}

Usage Report Counts A New User
    [Documentation]    A user created just now appears among the new users of the last day.
    Create Temporary User
    ${report}    Usage Report For    1
    New Users In The Report Should Include The Test's User    ${report}    1

Maintenance Clean-Up Keeps Live Logins
    [Documentation]    Removing expired data leaves a current login's access and refresh tokens working.
    [Tags]    destructive
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Run Maintenance Clean-Up As Admin
    Live Login Should Still Work After    ${login}    the maintenance clean-up

Configuration Reload Reports Its Outcome
    [Documentation]    A reload reports its outcome, never a success with errors, and leaves logins working.
    [Tags]    destructive
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    ${answer}    Reload Configuration As Admin
    Configuration Reload Should Report No Errors When Successful    ${answer}
    Live Login Should Still Work After    ${login}    a configuration reload

Error Log Is Paged As Asked
    [Documentation]    The error log returns the page size asked for and names the levels it can filter by.
    ${answer}    Error Log Page    1    5
    Error Log Page Should Hold At Most    ${answer}    1    5
