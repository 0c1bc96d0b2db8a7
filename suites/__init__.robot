*** Settings ***
Documentation     Checks a Permiso deployment against its API contract. The run starts only when
...               the target answers its health check and accepts the configured admin login;
...               with no target configured it tests the project's reference service, started
...               here at the contract's production settings.
Metadata          Suite version    ${SUITE_VERSION}

Resource          ../resources/common.resource
Library           ../libraries/EmbeddedTarget.py

Suite Setup       Target Should Be Ready For Testing
Suite Teardown    Stop Embedded Target

Name              Permiso Acceptance


*** Variables ***
${PREFLIGHT_TIMEOUT}       5
# run-acceptance.sh sets it to the URL its own preflight checked (the same checks as below).
${PREFLIGHT_PASSED_FOR}    %{PERMISO_PREFLIGHT_PASSED_FOR=}


*** Keywords ***
Target Should Be Ready For Testing
    [Documentation]    Stops the run with one clear message when the configuration is invalid,
    ...    the target does not answer its health check within ${PREFLIGHT_TIMEOUT} s (no
    ...    retries) or refuses the admin login; records the target in the report's metadata and
    ...    the configuration in the log.
    IF    $CONFIG_ERROR    Fail    Invalid configuration: ${CONFIG_ERROR}
    ${url}    Start Embedded Target Unless One Is Configured
    Log The Configuration
    IF    $PREFLIGHT_PASSED_FOR == $url
        Log    run-acceptance.sh checked ${url} before starting: not repeated here.
        Record The Run In The Report    ${url}
    ELSE
        ${health}    Health Check Of The Target
        Admin Login Should Be Accepted
        Record The Run In The Report    ${url}    ${health.json().get('version', 'unknown')}
    END

Health Check Of The Target
    [Documentation]    GET ${HEALTH_PATH} must answer 200 within ${PREFLIGHT_TIMEOUT} s, no retries.
    TRY
        ${health}    Send Request    GET    ${HEALTH_PATH}    200
        ...    timeout=${PREFLIGHT_TIMEOUT}    retry=${False}
    EXCEPT    AS    ${problem}
        Fail    ${problem}
    END
    RETURN    ${health}

Admin Login Should Be Accepted
    [Documentation]    The configured admin can log in (the password grant answers 200).
    VAR    &{form}    username=${TEST_ADMIN_USERNAME}    password=${TEST_ADMIN_PASSWORD}
    TRY
        ${response}    Send Request    POST    ${AUTH_TOKEN_PATH}    any    form=${form}
        ...    timeout=${PREFLIGHT_TIMEOUT}    retry=${False}
    EXCEPT    AS    ${problem}
        Fail    ${problem}
    END
    IF    $response.status_code != 200
        ${code}    Error Code Of Answer    ${response}
        VAR    ${advice}    check TEST_ADMIN_USERNAME/TEST_ADMIN_PASSWORD
        Fail    Admin login as '${TEST_ADMIN_USERNAME}' was refused: ${response.status_code} ${code} — ${advice}
    END
