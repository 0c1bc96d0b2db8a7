*** Settings ***
Documentation    Load balancers, uptime monitors and the deployment gate poll the public root
...              and health routes before anything else. They need no credentials, must answer
...              quickly even under load, and must say which build and environment are live so
...              that an operator can tell a stale deployment from a fresh one.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        infrastructure    smoke


*** Test Cases ***
Health Endpoint Reports A Healthy Service
    [Documentation]    Monitors and load balancers route traffic only to an instance whose /health says healthy.
    [Tags]    critical
    Health Endpoint Should Report A Healthy Service

Health Endpoint Identifies The Running Build
    [Documentation]    Operators tell a stale deployment from a fresh one by service, version and environment.
    Health Endpoint Should Identify The Service, Version And Environment

Health Endpoint Answers Within The Latency Budget
    [Documentation]    A slow health check makes load balancers drop healthy instances (PERF_HEALTH_THRESHOLD_MS).
    Health Endpoint Should Answer Within    ${PERF_HEALTH_THRESHOLD_MS}

Root Endpoint Describes The Service
    [Documentation]    The root route introduces the service and points clients to its health check.
    Root Endpoint Should Describe The Service And Point To Health
