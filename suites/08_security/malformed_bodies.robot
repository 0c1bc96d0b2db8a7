*** Settings ***
Documentation    Bodies no correct client sends: cut-off JSON, a list where an object belongs, a
...              wrong content type, XML with an external entity, bytes that are not UTF-8, an
...              empty body, 10000 levels of nesting, a body over 1 MiB. Contract §1: each gets a
...              4xx (400, 413, 415 or 422) in the contract's error shape, never a 5xx; nothing
...              leaks, no external entity is read, and the service is still healthy afterwards.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Hostile Body Should Be Refused

Test Tags        security


*** Test Cases ***
Refresh Refuses Malformed JSON
    [Documentation]    Cut-off JSON is refused with a 4xx, never parsed into a 5xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    malformed-json
Refresh Refuses A JSON Array
    [Documentation]    A list where an object belongs is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    json-array
Refresh Refuses A Text Body
    [Documentation]    A body labelled text/plain is refused, not guessed at.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    wrong-content-type
Refresh Refuses XML With An External Entity
    [Documentation]    An XML body with an external entity is refused and never reads the file (XXE).
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    xml-entity
Refresh Refuses Invalid UTF-8
    [Documentation]    Bytes that are not UTF-8 are refused with a 4xx, never a decoding 5xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    invalid-utf8
Refresh Refuses An Empty Body
    [Documentation]    An empty JSON request is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_REFRESH_PATH}    empty
Refresh Survives Deeply Nested JSON
    [Documentation]    10000 nested arrays are refused without exhausting the parser, and the service stays up.
    [Tags]    owasp-api4-resources
    POST    ${AUTH_REFRESH_PATH}    deep-nesting
Refresh Refuses A Body Over One Mebibyte
    [Documentation]    A body over 1 MiB is refused (413 or another 4xx) and the service stays up.
    [Tags]    owasp-api4-resources
    POST    ${AUTH_REFRESH_PATH}    one-megabyte
Login Refuses A JSON Body Instead Of A Form
    [Documentation]    Login takes a form; a JSON body is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_TOKEN_PATH}    malformed-json
Login Refuses XML With An External Entity
    [Documentation]    An XML login body is refused and never reads the file (XXE).
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_TOKEN_PATH}    xml-entity
Login Refuses A Body Over One Mebibyte
    [Documentation]    A login body over 1 MiB is refused and the service stays up.
    [Tags]    owasp-api4-resources
    POST    ${AUTH_TOKEN_PATH}    one-megabyte
Registration Refuses Malformed JSON
    [Documentation]    Cut-off JSON creates no account and is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    POST    ${USERS_REGISTER_PATH}    malformed-json
Registration Survives Deeply Nested JSON
    [Documentation]    Deep nesting is refused and the service stays up.
    [Tags]    owasp-api4-resources
    POST    ${USERS_REGISTER_PATH}    deep-nesting
Registration Refuses A Body Over One Mebibyte
    [Documentation]    A registration body over 1 MiB is refused and the service stays up.
    [Tags]    owasp-api4-resources
    POST    ${USERS_REGISTER_PATH}    one-megabyte
Introspection Refuses Malformed JSON
    [Documentation]    An authenticated caller's cut-off JSON is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_INTROSPECT_PATH}    malformed-json
Introspection Refuses A Text Body
    [Documentation]    An authenticated caller's text body is refused, not guessed at.
    [Tags]    owasp-api8-misconfig
    POST    ${AUTH_INTROSPECT_PATH}    wrong-content-type
Profile Update Refuses A JSON Array
    [Documentation]    A list where the profile object belongs is refused with a 4xx.
    [Tags]    owasp-api8-misconfig
    PUT    ${USERS_ME_PATH}    json-array
Profile Update Survives Deeply Nested JSON
    [Documentation]    Deep nesting from a signed-in user is refused and the service stays up.
    [Tags]    owasp-api4-resources
    PUT    ${USERS_ME_PATH}    deep-nesting
