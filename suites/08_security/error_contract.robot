*** Settings ***
Documentation    Clients and their error handling rely on one error shape (contract §1):
...              ``{"error", "error_description"}``, and for 422 ``error`` = ``validation_error``
...              with a ``details`` list of ``{loc, msg, type}``. Error answers are also where
...              careless services spill their insides: a stack trace, SQL, a driver message, a file
...              path or an exception class name tells an attacker what to try next. Each row
...              provokes one error of one contract route (unknown id, malformed id, bad body, no
...              token, wrong caller, wrong method) and checks its status, shape and silence; a
...              validation error must name the field the row makes invalid.
...              Route-level 404 and 405 in that shape are hardening.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Error Answer Should Follow The Contract

Test Tags        security    owasp-api8-misconfig


*** Test Cases ***
Unknown User Is Not Found
    [Documentation]    An unknown user id gets 404 in the error shape, without internals.
    GET    ${USERS_PATH}/${UNKNOWN_ID}    admin    404
Malformed User Id Is Refused
    [Documentation]    An id that is no UUID gets 404 or 422, never a database error.
    GET    ${USERS_PATH}/not-a-uuid    admin    404|422    field=user_id
Unknown Role Is Not Found
    [Documentation]    An unknown role id gets 404 in the error shape.
    GET    ${ROLES_PATH}${UNKNOWN_ID}    admin    404
Unknown Scope Is Not Found
    [Documentation]    An unknown scope id gets 404 in the error shape.
    GET    ${SCOPES_PATH}${UNKNOWN_ID}    admin    404
Unknown Service Client Is Not Found
    [Documentation]    An unknown client id gets 404 in the error shape.
    GET    ${SERVICE_CLIENTS_PATH}no-such-client-0000    admin    404
Unknown Session Is Not Found
    [Documentation]    Ending a session that does not exist gets 404 in the error shape.
    DELETE    ${SESSIONS_PATH}${UNKNOWN_ID}    user    404
Permission Check For An Unknown User Is Not Found
    [Documentation]    A permission check for a user that does not exist gets 404 in the error shape.
    POST    ${PERMISSIONS_CHECK_PATH}    admin    404
    ...    json=${{ {'user_id': $UNKNOWN_ID, 'resource': 'profile', 'action': 'read'} }}
Incomplete New User Is A Validation Error
    [Documentation]    Creating a user without fields names each problem in details, nothing more.
    POST    ${USERS_PATH}    admin    422    field=username|email|password    json=${{ {} }}
Incomplete New Role Is A Validation Error
    [Documentation]    Creating a role without a name is a 422 with details.
    POST    ${ROLES_PATH}    admin    422    field=name    json=${{ {} }}
Refresh Without A Token Is A Validation Error
    [Documentation]    A refresh without its token is a 422 with details.
    POST    ${AUTH_REFRESH_PATH}    nobody    422    field=refresh_token    json=${{ {} }}
Login Without Credentials Is A Validation Error
    [Documentation]    A login form without fields is a 422 with details (§4).
    POST    ${AUTH_TOKEN_PATH}    nobody    422    field=username|password    form=${{ {} }}
Page Zero Is A Validation Error
    [Documentation]    A page below 1 is a 422 naming the query parameter.
    [Tags]    route:get:/api/v1/users/
    GET    ${USERS_PATH}?page\=0    admin    422    field=page
Password Reset Without An E-Mail Is A Validation Error
    [Documentation]    A reset request without an e-mail is a 422 with details.
    POST    ${PASSWORD_RESET_REQUEST_PATH}    nobody    422    field=email    json=${{ {} }}
Garbage Reset Token Is Refused
    [Documentation]    An invalid one-time token gets 400 in the error shape.
    POST    ${PASSWORD_RESET_CONFIRM_PATH}    nobody    400
    ...    json=${{ {'token': 'not-a-reset-token', 'new_password': 'Valid-Passw0rd!x'} }}
Missing Token Is Unauthorized
    [Documentation]    A protected route without a token gets 401 in the error shape.
    GET    ${USERS_ME_PATH}    nobody    401
Sessions Without A Token Are Unauthorized
    [Documentation]    The sessions list without a token gets 401 in the error shape.
    GET    ${SESSIONS_PATH}    nobody    401
Admin Route For A Normal User Is Forbidden
    [Documentation]    A normal user on an admin route gets 403 in the error shape.
    GET    ${ADMIN_DASHBOARD_PATH}    user    403
Wrong Client Secret Is Unauthorized
    [Documentation]    A wrong client secret gets 401 in the error shape.
    POST    ${AUTH_SERVICE_TOKEN_PATH}    nobody    401
    ...    form=${{ {'client_id': $TEST_CLIENT_ID, 'client_secret': 'wrong-secret-0123456789'} }}
Wrong Method Gets The Error Shape
    [Documentation]    A route-level 405 uses the error shape too (hardening).
    [Tags]    hardening
    DELETE    ${AUTH_TOKEN_PATH}    nobody    405
Unknown Route Gets The Error Shape
    [Documentation]    A route-level 404 uses the error shape too (hardening).
    [Tags]    hardening
    GET    ${AUTH_PATH}/no-such-route    nobody    404
