*** Settings ***
Documentation    Upstream Permiso snapshots have taken authorization from the request body. Here a
...              normal user tries to get more than its account allows: privilege fields in its
...              own profile change (OWASP API3:2023 Broken Object Property Level Authorization),
...              administration scopes claimed in the query or body of scope-protected routes
...              (API5:2023 Broken Function Level Authorization), another user's sessions
...              (API1:2023 Broken Object Level Authorization), and the tokens of an account an
...              administrator has deactivated (API2:2023). Already covered elsewhere and not
...              repeated: reading another user's record (03_users/access_rules), privilege fields
...              at registration (03_users/registration), revoking another user's token
...              (02_auth/revocation), acting on another user's session (06_sessions), the access
...              token of a deactivated or deleted account (10_integration/journeys).

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        security


*** Test Cases ***
Profile Changes Cannot Grant Privileges
    [Documentation]    Privilege fields sent to PUT /users/me are ignored or forbidden, never applied.
    [Tags]    owasp-api3-property    critical
    [Template]    Own Profile Change Claiming ${field} Should Grant Nothing
    role_ids
    roles
    scopes
    is_verified
    is_active

Scopes Claimed In The Request Open No Administration Route
    [Documentation]    Admin scopes claimed in the query or body give a normal user 403 and none of the data.
    [Tags]    owasp-api5-function    route:get:/api/v1/users/    critical
    [Template]    Claimed Scopes Should Open Nothing At
    GET    ${ADMIN_SECURITY_EVENTS_PATH}    admin:security    events
    GET    ${ADMIN_AUDIT_PATH}    admin:audit    activities
    GET    ${ADMIN_ERROR_LOGS_PATH}    admin:logs    logs
    GET    ${USERS_PATH}    admin:users    users
    GET    ${ADMIN_DASHBOARD_PATH}    admin:system    authentication

A Scope Claimed In The Body Checks No Permissions
    [Documentation]    admin:permissions claimed in the body of a permission check gives a normal user 403.
    [Tags]    owasp-api5-function
    Claimed Scope Should Not Check Permissions

Ending All Own Sessions Leaves Other Users Signed In
    [Documentation]    DELETE /sessions/ ends the caller's sessions only; another user stays signed in.
    [Tags]    owasp-api1-bola    critical
    ${other}    A Fresh Login Of A Temporary User
    ${caller}    A Fresh Login Of A Temporary User
    End All Own Sessions    ${caller}
    Access Token Should Be Refused    ${caller}[access_token]    after the user ended all its sessions
    Other User Should Still Be Signed In    ${other}    another user ended all its own sessions

Logging Out Leaves Other Users Signed In
    [Documentation]    POST /auth/logout ends the caller's session only; another user stays signed in.
    [Tags]    owasp-api1-bola    critical
    ${other}    A Fresh Login Of A Temporary User
    ${caller}    A Fresh Login Of A Temporary User
    Log Out    ${caller}
    Access Token Should Be Refused    ${caller}[access_token]    after logout
    Other User Should Still Be Signed In    ${other}    another user logged out

Refresh Token Of A Deactivated Account Is Refused
    [Documentation]    Deactivating an account also ends its refresh token: no new access token comes from it.
    [Tags]    owasp-api2-auth    critical
    ${login}    A Fresh Login Of A Temporary User
    Disable User Account    ${login}[user]
    Refresh Token Of A Deactivated Account Should Be Refused    ${login}

Tokens Of A Deactivated Account Are Reported Inactive
    [Documentation]    Introspection tells resource servers that a deactivated account's token is no longer active.
    [Tags]    owasp-api2-auth    critical
    ${login}    A Fresh Login Of A Temporary User
    Disable User Account    ${login}[user]
    Introspection Should Call The Token Inactive    ${login}[access_token]
    ...    the access token of a deactivated account
