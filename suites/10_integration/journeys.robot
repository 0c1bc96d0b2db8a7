*** Settings ***
Documentation    End-to-end journeys through several areas of Permiso, told the way the people
...              in them experience it: a customer who signs up and is given access, two services
...              that trust each other through Permiso, an employee who leaves the company. Each
...              area has its own detailed suite; these stories show that the areas work together.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        integration    critical


*** Test Cases ***
A New Customer Signs Up And Gets Access
    [Documentation]    From sign-up to a granted role the customer's access follows each step, and logout ends it.
    ${customer}    Customer Signs Up
    ${login}    Log In As Temporary User    ${customer}
    Customer Edits The Profile    ${login}
    ${grant}    Administrator Grants A New Role With A New Scope To    ${customer}
    ${login}    Log In As Temporary User    ${customer}
    Token Should Carry The Granted Scope    ${login}    ${grant}
    Access Should Be Granted For    ${customer}    ${login}    ${grant}
    Log Out    ${login}
    Access Should Be Refused After Logout    ${login}

Services Trust Each Other Through Permiso
    [Documentation]    A new client's token is recognised by another service, and a rotated secret takes effect at once.
    ${client}    Register Temporary Service Client
    ${grant}    Client Gets A Service Token    ${client}    ${client}[client_secret]
    Resource Server Should See An Active Token Of    ${grant}    ${client}
    ${new_secret}    Administrator Rotates The Secret Of    ${client}
    Old Secret Should Be Refused    ${client}
    ${renewed}    Client Gets A Service Token    ${client}    ${new_secret}
    Resource Server Should See An Active Token Of    ${renewed}    ${client}

An Employee Who Leaves Loses All Access
    [Documentation]    Deactivating and then deleting an account ends its tokens and its logins.
    ${employee}    Create Temporary User    employee
    ${login}    Log In As Temporary User    ${employee}
    Administrator Deactivates The Account Of    ${employee}
    Access Token Should Be Refused    ${login}[access_token]    after the account was deactivated
    Login Should Be Refused As Disabled    ${employee}
    Administrator Deletes The Account Of    ${employee}
    Access Token Should Be Refused    ${login}[access_token]    after the account was deleted
    Refresh Should Be Refused    ${login}[refresh_token]    the refresh token of a deleted account
    Login Of A Deleted Account Should Be Refused    ${employee}
