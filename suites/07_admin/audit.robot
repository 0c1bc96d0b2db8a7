*** Settings ***
Documentation    The audit trail tells who changed what and when. Auditors rely on it to
...              reconstruct how an account got (or lost) its privileges, so every change of a
...              user's roles must leave an entry about that user.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        admin


*** Test Cases ***
A Change Of Roles Is Audited
    [Documentation]    When an administrator takes a user's roles away, the audit trail gains an entry about it.
    ${user}    Create Temporary User
    ${before}    Audit Entries About    ${user}
    Take All Roles From User As Admin    ${user}
    Audit Trail Should Have A New Entry About    ${user}    ${before}    after=a change of roles
