*** Settings ***
Documentation    Permiso depends on PostgreSQL (accounts, sessions) and Redis (revocations, rate
...              limits). When one of them dies the service must say so on /health (503 naming
...              the part, contract §3), must stay safe (a revoked token never becomes valid
...              because the cache that remembers revocations is gone; errors keep the contract's
...              shape and leak nothing) and must recover by itself once the part is back. An
...              application restart must not lose issued tokens or revocations either.
...
...              These tests stop and start the deployment's containers (CONTAINER_POSTGRES,
...              CONTAINER_REDIS, CONTAINER_APP through DOCKER_HOST), one fault at a time, and
...              restore every container in their teardown, even after a failure. They run only
...              where ALLOW_DEPENDENCY_FAULTS is true, which ``./run-acceptance.sh --stack docker``
...              sets for its throwaway stack; the runner runs them alone, after every other test.
...              Never allow them against production.

Resource         imports.resource

Suite Setup      Dependency Faults Should Be Allowed
Test Teardown    Restore The Deployment

Test Tags        infrastructure    destructive    dependency-faults    requires-docker


*** Test Cases ***
Health Names The Cache While Redis Is Down
    [Documentation]    Monitoring has to see which part failed, not just that something did.
    Stop Dependency    ${CONTAINER_REDIS}
    Health Should Name The Failed Component    the cache (Redis)    cache    redis

A Token Revoked Before The Cache Failed Stays Refused
    [Documentation]    Without the cache the service cannot look revocations up: it must refuse, not trust.
    [Tags]    critical
    ${login}    Revoked Login Of A Temporary User
    Stop Dependency    ${CONTAINER_REDIS}
    Revoked Token Should Still Be Refused    ${login}[access_token]    while the cache (Redis) was down

Service Recovers Once Redis Is Back
    [Documentation]    No operator should have to restart Permiso after the cache returns.
    Stop Dependency    ${CONTAINER_REDIS}
    Start Dependency Again    ${CONTAINER_REDIS}
    Service Should Be Healthy Again Within    ${RECOVERY_TIMEOUT_SECONDS}

Revocations Outlive A Cache Restart
    [Documentation]    A cache that forgets revocations when it restarts brings revoked tokens back to life.
    [Tags]    hardening
    ${login}    Revoked Login Of A Temporary User
    Stop Dependency    ${CONTAINER_REDIS}
    Start Dependency Again    ${CONTAINER_REDIS}
    Service Should Be Healthy Again Within    ${RECOVERY_TIMEOUT_SECONDS}
    Revoked Token Should Still Be Refused    ${login}[access_token]    after the cache (Redis) restarted

Health Names The Database While PostgreSQL Is Down
    [Documentation]    Monitoring has to see which part failed, not just that something did.
    Stop Dependency    ${CONTAINER_POSTGRES}
    Health Should Name The Failed Component    the database (PostgreSQL)    database    db    postgres    postgresql

Logins Fail Cleanly While PostgreSQL Is Down
    [Documentation]    A server error, in the contract's shape, that tells an attacker nothing about the insides.
    ${user}    Create Temporary User
    Stop Dependency    ${CONTAINER_POSTGRES}
    Login Should Fail Cleanly During The Outage    ${user}    the database (PostgreSQL)

Service Recovers Once PostgreSQL Is Back
    [Documentation]    The service reconnects by itself; stale pooled connections must not keep it down.
    Stop Dependency    ${CONTAINER_POSTGRES}
    Start Dependency Again    ${CONTAINER_POSTGRES}
    Service Should Be Healthy Again Within    ${RECOVERY_TIMEOUT_SECONDS}

Tokens Issued Before An Application Restart Keep Working
    [Documentation]    A redeployment must not log every user out: tokens stay valid until they expire.
    ${user}    Create Temporary User
    ${login}    Log In As Temporary User    ${user}
    Restart Dependency    ${CONTAINER_APP}
    Access Token Should Be Accepted    ${login}[access_token]
    ...    what=A token issued before the application restarted

Revocations Made Before An Application Restart Still Hold
    [Documentation]    Revocations live in the shared cache, not in the memory of one application process.
    [Tags]    critical
    ${login}    Revoked Login Of A Temporary User
    Restart Dependency    ${CONTAINER_APP}
    Revoked Token Should Still Be Refused    ${login}[access_token]    after the application restarted
