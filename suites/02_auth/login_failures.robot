*** Settings ***
Documentation    A login with bad credentials or an incomplete form never yields a token. Wrong
...              credentials get the RFC 6749 `invalid_grant` answer whichever part was wrong, so
...              that an attacker learns nothing; an incomplete form is a validation error. Each
...              row signs in against a fresh account of its own (`<account>` is its user name,
...              `<account e-mail>` its e-mail address, `<unknown user>` a name no account has),
...              so failed attempts never count against a shared account.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Login Should Fail With

Test Tags        auth


*** Test Cases ***    USERNAME    PASSWORD    STATUS    ERROR
Wrong Password Is Refused
    [Tags]    critical
    <account>    Wrong-Password-1!    401    invalid_grant
Wrong Password For The E-Mail Address Is Refused
    <account e-mail>    Wrong-Password-1!    401    invalid_grant
Password Of Another Account Is Refused
    <account>    ${TEST_USER_PASSWORD}    401    invalid_grant
Password In The Wrong Case Is Refused
    <account>    <account password with case swapped>    401    invalid_grant
Unknown User Is Refused
    <unknown user>    Any-Password-1!    401    invalid_grant
Missing Username Is A Validation Error
    ${NONE}    Any-Password-1!    422    validation_error
Missing Password Is A Validation Error
    <account>    ${NONE}    422    validation_error
Empty Form Is A Validation Error
    ${NONE}    ${NONE}    422    validation_error
