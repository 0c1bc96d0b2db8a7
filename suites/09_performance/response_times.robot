*** Settings ***
Documentation    Stakeholders ask whether Permiso is fast enough. Each threshold category of the
...              configuration (health, auth, CRUD, admin) is timed over ``PERF_SAMPLES``
...              requests one after the other; p50 and p95, not a single timing, must stay within
...              ``PERF_*_THRESHOLD_MS``, so one slow request on a busy machine does not decide
...              the verdict. With ``PERF_BASELINE_FILE`` set the figures are saved as a baseline
...              (``PERF_BASELINE_MODE=save``) or compared with it: a p95 grown by more than
...              ``PERF_BASELINE_TOLERANCE`` percent fails even within the threshold.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        performance


*** Test Cases ***
Health Checks Answer Within The Health Threshold
    [Documentation]    Load balancers poll the health route constantly; it must answer at once.
    [Tags]    smoke
    ${stats}    Health Check Response Times
    Response Times Should Meet Targets    health    ${stats}    ${PERF_HEALTH_THRESHOLD_MS}
    ...    GET ${HEALTH_PATH}

Logins Answer Within The Auth Threshold
    [Documentation]    A login includes the password hash check, the most expensive step users wait for.
    ${user}    Create Temporary User    perf
    ${stats}    Login Response Times    ${user}
    Response Times Should Meet Targets    auth    ${stats}    ${PERF_AUTH_THRESHOLD_MS}
    ...    POST ${AUTH_TOKEN_PATH}

User Records Are Read Within The CRUD Threshold
    [Documentation]    Reading a record is the everyday CRUD request of an administration screen.
    ${user}    Create Temporary User    perf
    ${stats}    User Record Response Times    ${user}
    Response Times Should Meet Targets    crud    ${stats}    ${PERF_CRUD_THRESHOLD_MS}
    ...    GET ${USERS_PATH}/<id>

The Dashboard Answers Within The Admin Threshold
    [Documentation]    The dashboard counts everything, the heaviest report an administrator opens.
    ${stats}    Dashboard Response Times
    Response Times Should Meet Targets    admin    ${stats}    ${PERF_ADMIN_THRESHOLD_MS}
    ...    GET ${ADMIN_DASHBOARD_PATH}
