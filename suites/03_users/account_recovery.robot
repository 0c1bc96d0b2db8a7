*** Settings ***
Documentation    People who forgot their password ask for a reset link, and new users confirm
...              their e-mail address, both with a one-time token that reaches them by mail. The
...              request routes must not reveal which addresses have an account. Only a test
...              deployment also hands the token to the caller (header X-Test-Token); without it
...              the tests that need a token are skipped and say so.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Password Reset Requests Do Not Reveal Accounts
    [Documentation]    A known and an unknown address get the same answer.
    ${user}    Create Temporary User
    ${unknown}    Unknown E-Mail Address
    ${known_answer}    Request One-Time Token    ${PASSWORD_RESET_REQUEST_PATH}    ${user}[email]
    ${unknown_answer}    Request One-Time Token    ${PASSWORD_RESET_REQUEST_PATH}    ${unknown}
    Answers Should Be The Same    ${known_answer}    ${unknown_answer}    ${PASSWORD_RESET_REQUEST_PATH}

Verification Requests Do Not Reveal Accounts
    [Documentation]    A known and an unknown address get the same answer.
    ${user}    Create Temporary User    is_verified=${False}
    ${unknown}    Unknown E-Mail Address
    ${known_answer}    Request One-Time Token    ${EMAIL_VERIFICATION_REQUEST_PATH}    ${user}[email]
    ${unknown_answer}    Request One-Time Token    ${EMAIL_VERIFICATION_REQUEST_PATH}    ${unknown}
    Answers Should Be The Same    ${known_answer}    ${unknown_answer}    ${EMAIL_VERIFICATION_REQUEST_PATH}

Made-Up Tokens Are Refused
    [Documentation]    A token the deployment never issued is refused with 400 at both confirm routes.
    [Tags]    critical
    [Template]    Invalid Token Should Be Refused At
    ${PASSWORD_RESET_CONFIRM_PATH}
    ${EMAIL_VERIFICATION_CONFIRM_PATH}

A Reset Token Sets A New Password Once
    [Documentation]    The reset token replaces the password, and is worthless afterwards.
    [Tags]    critical    requires-test-tokens
    ${user}    Create Temporary User
    ${token}    One-Time Token For    ${PASSWORD_RESET_REQUEST_PATH}    ${user}
    ${new_password}    Reset Password With    ${token}
    Login Should Work With    ${user}    ${new_password}    the password set with the reset token
    Login Should Be Refused With    ${user}    ${user}[password]    the password from before the reset
    Reusing The Reset Token Should Be Refused    ${token}    ${user}

A Verification Token Marks The Address Verified
    [Documentation]    Confirming with the verification token marks the account verified.
    [Tags]    requires-test-tokens
    ${user}    Create Temporary User    is_verified=${False}
    ${token}    One-Time Token For    ${EMAIL_VERIFICATION_REQUEST_PATH}    ${user}
    Confirm E-Mail Address With    ${token}
    User Record Should Show    ${user}[id]    after confirming the e-mail address    is_verified=${True}
