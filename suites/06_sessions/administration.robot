*** Settings ***
Documentation    Operators watch the sessions of all users and clear out expired ones. Both need
...              the scope ``admin:sessions`` in the bearer token itself: holding it on the account
...              is not enough when the token was requested without it, and claiming it in a
...              request's query or body grants nothing. The clean-up ends expired sessions of
...              every user, so its test is tagged ``destructive``.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        sessions


*** Test Cases ***
Session Statistics Count Live Sessions
    [Documentation]    An operator holding admin:sessions sees plausible counts that include a fresh login.
    [Tags]    smoke
    ${user}    Create Temporary User    qa-session
    Log In As Temporary User    ${user}
    ${admin}    Login As Admin
    Session Statistics Should Count The Login    ${admin}

Cleanup Ends Only Expired Sessions
    [Documentation]    The clean-up reports what it removed and leaves live sessions alone.
    [Tags]    destructive
    ${user}    Create Temporary User    qa-session
    ${login}    Log In As Temporary User    ${user}
    ${admin}    Login As Admin
    Clean Up Expired Sessions    ${admin}
    Listed Sessions Should Be Exactly    ${login}    ${login}[session_id]

Session Administration Needs The Scope In The Token
    [Documentation]    An administrator token requested without admin:sessions gets 403.
    [Template]    Session Administration Should Need The Scope In The Token
    statistics
    cleanup

Claimed Scopes In The Request Grant Nothing
    [Documentation]    Scopes come from the verified token, never from the query or the body.
    [Template]    Claimed Scopes Should Grant No Session Administration
    statistics
    cleanup

Session Administration Needs A Token
    [Documentation]    Anonymous callers get 401.
    [Template]    Session Administration Should Need A Token
    statistics
    cleanup
