*** Settings ***
Documentation    Sustained load comes from Locust (``libraries/locustfile.py``), a load engine
...              that grows beyond one machine: ``TEST_CONCURRENT_USERS`` simulated users for
...              ``TEST_DURATION_SECONDS``, three people (login, own record, refresh, logout) for
...              every application (service token, introspection), logging in as a few
...              temporary users. A run fails when more than ``LOAD_MAX_ERROR_RATE_PERCENT`` of
...              the requests fail or a request's p95 is above its category's threshold.
...              Locust's HTML report is linked from the log. These tests take minutes on a real
...              setting and are tagged ``load`` and ``slow``: they run only when asked for
...              (``--include load``), and the runner runs them alone, after the other tests.

Resource         imports.resource

Suite Setup      Load Tests Should Be Asked For    performance    load    slow
Test Teardown    Remove Temporary Data

Test Tags        performance    load    slow


*** Test Cases ***
Users And Applications Are Served Under Load From One Locust Process
    [Documentation]    One Locust process on this machine: the simplest load a team can run anywhere.
    ${run}    Run Load Test    single    workers=${0}
    Load Should Have Exercised    ${run}    crud: GET /users/me    auth: POST /auth/refresh
    ...    auth: POST /auth/introspect

Users And Applications Are Served Under Load From A Locust Cluster
    [Documentation]    A master with LOAD_WORKERS local workers (at least 2) and LOAD_REMOTE_WORKERS from elsewhere.
    ${workers}    Evaluate    max(${LOAD_WORKERS}, 2)
    ${run}    Run Load Test    cluster    workers=${workers}
    Load Should Have Exercised    ${run}    crud: GET /users/me    auth: POST /auth/refresh
    ...    auth: POST /auth/introspect
