*** Settings ***
Documentation    Browsers follow what the answer's headers allow. Contract §1: every answer,
...              errors included, forbids MIME sniffing (``X-Content-Type-Options: nosniff``),
...              framing (``X-Frame-Options: DENY``, against clickjacking) and leaking full URLs in
...              the referrer (``Referrer-Policy: strict-origin-when-cross-origin``); stricter values
...              are fine (§13.9). Over HTTPS every answer also demands HSTS; the ``Server`` header
...              names no version (hardening); methods a route does not offer, TRACE above all, are
...              refused with 405. ``Cache-Control: no-store`` on token answers is checked by the
...              authentication suites.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Security Headers Should Be On

Test Tags        security    owasp-api8-misconfig


*** Test Cases ***
Health Check Carries The Security Headers
    [Documentation]    Even the public health answer forbids sniffing, framing and full referrers.
    [Tags]    smoke
    health
Root Answer Carries The Security Headers
    [Documentation]    The service's root answer carries the same protection.
    root
Successful Login Carries The Security Headers
    [Documentation]    The answer that carries tokens cannot be framed or sniffed.
    login
Own User Record Carries The Security Headers
    [Documentation]    A signed-in user's personal data is served with the protection.
    own record
Missing Token Answer Carries The Security Headers
    [Documentation]    A 401 is protected like a success: error pages are framed in clickjacking too.
    missing token
Refused Login Carries The Security Headers
    [Documentation]    The 401 of a wrong login carries the protection.
    refused login
Forbidden Answer Carries The Security Headers
    [Documentation]    A 403 to a normal user on an admin route carries the protection.
    forbidden
Unknown Route Answer Carries The Security Headers
    [Documentation]    The 404 of a route that does not exist carries the protection.
    unknown route
Wrong Method Answer Carries The Security Headers
    [Documentation]    The 405 of a method the route does not offer carries the protection.
    wrong method
Validation Error Carries The Security Headers
    [Documentation]    The 422 of an incomplete body carries the protection.
    validation error
Server Header Names No Version On Success
    [Documentation]    A version in ``Server`` tells attackers which known flaws to try; absent or versionless is fine.
    [Tags]    hardening
    [Template]    Server Header Should Name No Version
    health
Server Header Names No Version On Errors
    [Documentation]    Error answers, often from another layer such as nginx, name no version either.
    [Tags]    hardening
    [Template]    Server Header Should Name No Version
    unknown route
HTTPS Error Answers Demand Strict Transport Security
    [Documentation]    Over HTTPS a 401 demands HSTS for a year too, so no answer invites a downgrade; skipped
    ...    without HTTPS.
    [Tags]    requires-https
    [Template]    NONE
    HTTPS Error Answers Should Demand Strict Transport Security
TRACE Is Refused On The Health Check
    [Documentation]    TRACE would echo the request, credentials included, to a script (cross-site tracing): 405.
    [Template]    Unsupported Method Should Be Refused
    TRACE    ${HEALTH_PATH}
TRACE Is Refused On The Own User Record
    [Documentation]    TRACE with a bearer token is refused with 405 and echoes nothing.
    [Template]    Unsupported Method Should Be Refused
    TRACE    ${USERS_ME_PATH}
PATCH Is Refused On The Own User Record
    [Documentation]    The own record is changed with PUT only; PATCH gets 405, not a half-checked update.
    [Template]    Unsupported Method Should Be Refused
    PATCH    ${USERS_ME_PATH}
DELETE Is Refused On The Token Route
    [Documentation]    The token route only issues tokens; DELETE gets 405.
    [Template]    Unsupported Method Should Be Refused
    DELETE    ${AUTH_TOKEN_PATH}
PUT Is Refused On The Token Route
    [Documentation]    PUT on the token route gets 405, not a login.
    [Template]    Unsupported Method Should Be Refused
    PUT    ${AUTH_TOKEN_PATH}
