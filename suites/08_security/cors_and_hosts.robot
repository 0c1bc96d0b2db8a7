*** Settings ***
Documentation    A browser lets a page of another site read Permiso's answers only when Permiso
...              allows that site's origin (CORS). Contract §8.3: a preflight from a configured
...              origin is echoed in ``Access-Control-Allow-Origin``, any other origin gets no such
...              header at all, and a wildcard origin never comes with credentials. A request for a
...              host name outside the configured ones (Host header poisoning: reset links and
...              caches built on a forged host) gets 400. The admitted origin is
...              ``TEST_CORS_ALLOWED_ORIGIN``; the foreign origins and hosts are made-up names.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        security    owasp-api8-misconfig


*** Test Cases ***
Preflight From The Allowed Origin Is Echoed
    [Documentation]    The configured front end may call the API: its origin is echoed exactly, not replaced by a
    ...    wildcard.
    ${origin}    Allowed Origin Under Test
    ${response}    Preflight From    ${origin}
    Answer Should Allow Origin    ${response}    ${origin}
    Answer Should Not Combine Wildcard And Credentials    ${response}    The preflight from ${origin}

Preflight From A Foreign Origin Gets No Allowance
    [Documentation]    A page of any other site gets no Access-Control-Allow-Origin, so the browser blocks its call.
    ${origin}    Foreign Origin
    ${response}    Preflight From    ${origin}
    Answer Should Allow No Origin    ${response}    The preflight OPTIONS ${USERS_ME_PATH} from ${origin}

Signed-In Read From A Foreign Origin Gets No Allowance
    [Documentation]    A foreign page riding on a user's token cannot read the user's record: the answer allows no
    ...    origin.
    ${origin}    Foreign Origin
    ${response}    Own Record Read From Origin    ${origin}
    Answer Should Allow No Origin    ${response}    GET ${USERS_ME_PATH} sent from ${origin}
    Answer Should Not Combine Wildcard And Credentials    ${response}    GET ${USERS_ME_PATH} sent from ${origin}

Credentials Are Never Allowed For Any Origin
    [Documentation]    A wildcard origin with credentials would let every site act as the signed-in user.
    [Tags]    critical
    ${origin}    Foreign Origin
    ${response}    Preflight From    ${origin}
    Answer Should Not Combine Wildcard And Credentials    ${response}    The preflight from ${origin}
    ${read}    Own Record Read From Origin    ${origin}
    Answer Should Not Combine Wildcard And Credentials    ${read}    GET ${USERS_ME_PATH} sent from ${origin}

Foreign Host Is Refused On The Health Check
    [Documentation]    A request for a host name outside the configured ones is answered 400, not served.
    Request Under Foreign Host Should Be Refused    GET    ${HEALTH_PATH}

Login Under A Foreign Host Issues No Token
    [Documentation]    Valid credentials under a forged Host get 400 and no token, so no link or cache is built on
    ...    that host.
    Request Under Foreign Host Should Be Refused    POST    ${AUTH_TOKEN_PATH}
