*** Settings ***
Documentation    Passwords must be 8 to 128 characters long and mix upper-case and lower-case
...              letters, digits and special characters. A password that breaks any one rule is
...              refused with a validation error and no account is created; a password right at
...              the length limits is fine. The passwords are built by the keywords, so none
...              appears in this file or in the logs.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    A New User With A Password That Is Refused

Test Tags        users


*** Test Cases ***    PASSWORD
Too Short    [Documentation]    Seven characters are one too few.
    too short
Too Long    [Documentation]    129 characters are one too many.
    too long
No Upper-Case Letter    [Documentation]    Every password needs an upper-case letter.
    without an upper-case letter
No Lower-Case Letter    [Documentation]    Every password needs a lower-case letter.
    without a lower-case letter
No Digit    [Documentation]    Every password needs a digit.
    without a digit
No Special Character    [Documentation]    Every password needs a special character.
    without a special character
Shortest Allowed Password Is Accepted    [Documentation]    Eight characters that follow every rule are enough.
    [Template]    A New User With A Password That Is Accepted
    8 characters
Longest Allowed Password Is Accepted    [Documentation]    128 characters that follow every rule are still allowed.
    [Template]    A New User With A Password That Is Accepted
    128 characters
