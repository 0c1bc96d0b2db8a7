*** Settings ***
Documentation    Attackers guess passwords at scale and probe which accounts exist. Lockout of a
...              single account (02_auth/lockout) and identical answers for unknown users and wrong
...              passwords (02_auth/login_failures) are checked elsewhere. Here: the per-address
...              limits on failed logins and registrations (contract §8.2; OWASP API4:2023
...              Unrestricted Resource Consumption) and whether response times tell unknown users
...              from wrong passwords (API2:2023). A test of a limit first claims that limit's whole
...              budget for the run (an address of its own where the deployment trusts the suite's
...              ``X-Forwarded-For``, else a window in which nobody else spends from it), so the
...              limit answers to its own requests only. The limits come from
...              RATE_LIMIT_FAILED_LOGINS_PER_MINUTE and RATE_LIMIT_REGISTRATIONS_PER_HOUR; a test
...              skips, saying why, when its limit is off or takes more than
...              RATE_LIMIT_TEST_REQUESTS requests to exceed.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        security


*** Test Cases ***
Failed Logins From One Address Are Rate Limited
    [Documentation]    One failed login over the limit per minute gets 429 with Retry-After and no token.
    [Tags]    critical    owasp-api4-resources
    Rate Limit Should Be Reachable    RATE_LIMIT_FAILED_LOGINS_PER_MINUTE    ${RATE_LIMIT_FAILED_LOGINS_PER_MINUTE}
    Claim The Whole Budget Of    failed-login
    Fail Logins Up To The Limit    ${RATE_LIMIT_FAILED_LOGINS_PER_MINUTE}
    ${response}    Submit Login As An Unknown User
    Limit Should Refuse With Retry After    ${response}    60
    ...    A failed login over the limit (POST ${AUTH_TOKEN_PATH})

Registrations From One Address Are Rate Limited
    [Documentation]    One registration over the limit per hour gets 429 with Retry-After and no account.
    [Tags]    owasp-api4-resources
    Rate Limit Should Be Reachable    RATE_LIMIT_REGISTRATIONS_PER_HOUR    ${RATE_LIMIT_REGISTRATIONS_PER_HOUR}
    Claim The Whole Budget Of    registration
    Register Accounts Up To The Limit    ${RATE_LIMIT_REGISTRATIONS_PER_HOUR}
    Registration Over The Limit Should Create Nothing

Login Time Does Not Reveal Which Accounts Exist
    [Documentation]    Median refusal times of unknown users and wrong passwords differ by less than the bound.
    [Tags]    hardening    owasp-api2-auth
    ${user}    Run As Set-up Step    create a temporary user    Create Temporary User    timing
    ${unknown}    Login Times Of    unknown    ${user}
    ${wrong}    Login Times Of    wrong password    ${user}
    Median Times Should Be Close    ${unknown}    ${wrong}
