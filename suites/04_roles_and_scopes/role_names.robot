*** Settings ***
Documentation    Role names are 2 to 50 characters long (contract §7). A name outside that range
...              is a validation error (422) and creates nothing; the longest allowed name is
...              stored as sent.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Role Name Of Length Should Be

Test Tags        roles


*** Test Cases ***
An Empty Role Name Is Refused
    [Documentation]    A role without a name is a validation error.
    0    refused
A One-Character Role Name Is Refused
    [Documentation]    One character is below the shortest allowed name.
    1    refused
A Fifty-Character Role Name Is Accepted
    [Documentation]    The longest allowed name is stored as sent.
    50    accepted
A Fifty-One-Character Role Name Is Refused
    [Documentation]    One character more than allowed is a validation error and creates nothing.
    51    refused
