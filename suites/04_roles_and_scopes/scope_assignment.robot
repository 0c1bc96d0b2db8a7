*** Settings ***
Documentation    What a user may do is the union of the scopes of its roles (contract §7, §5).
...              Administrators give scopes to roles (``PUT /roles/{id}/scopes``) and roles to
...              users (``PUT /users/{id}/roles``); the user's next login carries exactly those
...              scopes, in the token's ``scopes`` claim and the answer's ``scope`` (compared as
...              sets), and a login that asks for scopes gets only those it asked for and holds.
...              Taking a role away, or deleting it, takes its scopes out of the next tokens.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        roles


*** Test Cases ***
Assigning Scopes To A Role Replaces Its Scopes
    [Documentation]    After the assignment the role holds exactly the assigned scopes.
    ${old}    Create Temporary Scope
    ${new}    Create Temporary Scope
    ${role}    Create Temporary Role    ${old}[id]
    Assign Scopes To Role    ${role}    ${new}
    Role Should Hold Scopes    ${role}    ${new}

An Unknown Scope Cannot Be Assigned To A Role
    [Documentation]    A scope id that does not exist is refused and leaves the role's scopes as they were.
    ${scope}    Create Temporary Scope
    ${role}    Create Temporary Role    ${scope}[id]
    Assigning An Unknown Scope Should Be Refused    ${role}
    Role Should Hold Scopes    ${role}    ${scope}

A Login Carries Exactly The Scopes Of The User's Role
    [Documentation]    A user holding one role is granted all of the role's scopes and nothing else.
    [Tags]    critical    smoke
    ${read}    Create Temporary Scope    qa_granted    read
    ${write}    Create Temporary Scope Of The Same Resource    ${read}    write
    ${user}    Create Temporary User Holding Scopes    ${read}    ${write}
    Next Login Should Carry Exactly    ${user}    ${read}    ${write}

A Login Carries The Scopes Of Every Role Of The User
    [Documentation]    A user holding two roles is granted the union of their scopes.
    ${first}    Create Temporary Scope
    ${second}    Create Temporary Scope
    ${first_role}    Create Temporary Role    ${first}[id]
    ${second_role}    Create Temporary Role    ${second}[id]
    ${user}    Create Temporary User Holding Roles    ${first_role}    ${second_role}
    Next Login Should Carry Exactly    ${user}    ${first}    ${second}

A Login Asking For Scopes Gets Only Those It Holds
    [Documentation]    The granted scopes are the requested ones the user holds, never one it does not hold.
    ${held}    Create Temporary Scope
    ${other}    Create Temporary Scope
    ${unrequested}    Create Temporary Scope
    ${user}    Create Temporary User Holding Scopes    ${held}    ${unrequested}
    Login Asking For Scopes Should Be Granted Exactly    ${user}    ${held}[name] ${other}[name]    ${held}

Scopes Given To A Role Reach Its Users At Their Next Login
    [Documentation]    Changing a role's scopes changes what its users' next tokens carry.
    ${old}    Create Temporary Scope
    ${added}    Create Temporary Scope
    ${user}    Create Temporary User Holding Scopes    ${old}
    Assign Scopes To Role    ${user}[role]    ${old}    ${added}
    Next Login Should Carry Exactly    ${user}    ${old}    ${added}

Giving A Role To A User Grants Its Scopes
    [Documentation]    A user without roles gets the role's scopes at the next login after the assignment.
    [Tags]    critical
    ${scope}    Create Temporary Scope
    ${role}    Create Temporary Role    ${scope}[id]
    ${user}    Create Temporary User Holding Roles
    Give User Roles    ${user}    ${role}
    Next Login Should Carry Exactly    ${user}    ${scope}

Taking A Role Away Removes Its Scopes
    [Documentation]    After the user's roles are replaced by none, the next login carries none of the role's scopes.
    [Tags]    critical
    ${scope}    Create Temporary Scope
    ${user}    Create Temporary User Holding Scopes    ${scope}
    Give User Roles    ${user}
    Next Login Should Carry Exactly    ${user}

An Unknown Role Cannot Be Given To A User
    [Documentation]    A role id that does not exist is refused and leaves the user's roles as they were.
    ${role}    Create Temporary Role
    ${user}    Create Temporary User Holding Roles    ${role}
    Giving An Unknown Role Should Be Refused    ${user}
    User Should Hold Roles    ${user}    ${role}

Deleting A Role Removes Its Scopes From Its Users' Next Tokens
    [Documentation]    A user keeps the scopes of its other roles and loses those of the deleted one.
    ${kept}    Create Temporary Scope
    ${lost}    Create Temporary Scope
    ${kept_role}    Create Temporary Role    ${kept}[id]
    ${deleted_role}    Create Temporary Role    ${lost}[id]
    ${user}    Create Temporary User Holding Roles    ${kept_role}    ${deleted_role}
    Delete Role    ${deleted_role}[id]
    Next Login Should Carry Exactly    ${user}    ${kept}
