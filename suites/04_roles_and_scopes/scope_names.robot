*** Settings ***
Documentation    Scope names are 2 to 100 characters long (contract §7). A name outside that
...              range is a validation error (422) and creates nothing; the longest allowed name
...              is stored as sent.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Scope Name Of Length Should Be

Test Tags        roles


*** Test Cases ***
A One-Character Scope Name Is Refused
    [Documentation]    One character is below the shortest allowed name.
    1    refused
A Hundred-Character Scope Name Is Accepted
    [Documentation]    The longest allowed name is stored as sent.
    100    accepted
A Hundred-And-One-Character Scope Name Is Refused
    [Documentation]    One character more than allowed is a validation error and creates nothing.
    101    refused
