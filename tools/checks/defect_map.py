"""Which acceptance tests are expected to catch each defect of the reference service.

``DEFECT_MAP`` maps every defect of ``sut/defects.py`` to suite-qualified test names
(``"02 Auth.Logout.Logout Revokes The Access Token"``: suite folder, suite file, test name, as
Robot names them, without the root suite ``Permiso Acceptance``). ``tools/checks/defect_harness.py``
runs exactly these tests against the reference service with the defect switched on; at least one
of them must fail. A test listed here that passes under its defect is reported, not failed: the
map says what should notice, the harness says what did.
"""

from __future__ import annotations

INFRA = "01 Infrastructure."
FAULTS = INFRA + "Dependency Faults."
AUTH = "02 Auth."
USERS = "03 Users."
ROLES = "04 Roles And Scopes."
CLIENTS = "05 Service Clients."
SESSIONS = "06 Sessions."
ADMIN = "07 Admin."
JOURNEYS = "10 Integration.Journeys."
MATRIX = ROLES + "Authorization Matrix."  # one suite file per contract section below it
SECURITY = "08 Security."
TOKEN_ATTACKS = SECURITY + "Token Attacks."
TOKEN_TYPES = SECURITY + "Token Types."
ACCESS = SECURITY + "Access Control."
BRUTE_FORCE = SECURITY + "Brute Force."
CORS = SECURITY + "Cors And Hosts."
ERRORS = SECURITY + "Error Contract."
LOGIN_INJECTION = SECURITY + "Login Injection."
BODIES = SECURITY + "Malformed Bodies."
HEADERS = SECURITY + "Security Headers."
USER_INJECTION = SECURITY + "User Route Injection."

# Login payloads (login_injection.robot) that reach the user lookup; the overlong name is refused
# by the form's length limit before it.
LOGIN_PAYLOADS = (
    "SQL Tautology As User Name Does Not Log In", "SQL Comment After The Admin Name Does Not Log In",
    "SQL Union As User Name Does Not Log In", "Stacked SQL Query As User Name Does Not Log In",
    "NoSQL Operator As User Name Does Not Log In", "NoSQL Script As User Name Does Not Log In",
    "LDAP Wildcard As User Name Does Not Log In", "LDAP Filter After The Admin Name Does Not Log In",
    "Shell Command As User Name Does Not Log In", "Path Traversal As User Name Does Not Log In",
    "Script Tag As User Name Does Not Log In", "Template Expression As User Name Does Not Log In",
    "CR LF As User Name Does Not Split The Answer", "NUL Byte After The Admin Name Does Not Log In",
)
# Payloads that break out of a quoted SQL string.
SQL_LOGIN_PAYLOADS = LOGIN_PAYLOADS[:4] + ("NoSQL Script As User Name Does Not Log In",)
SEARCH_PAYLOADS = ("SQL Tautology", "SQL Union", "NoSQL Operator", "LDAP Wildcard", "Script Tag",
                   "An HTML Attribute Break-Out", "Format String")
# Ids that are no UUID: the route's path validation refuses them (422); those with a slash (path
# traversal, the script tag's closing tag) leave the route altogether (404).
PATH_ID_PAYLOADS = ("SQL Tautology", "Stacked SQL Query", "NoSQL Operator", "CR LF", "NUL Byte", "Overlong Id")
ERROR_HEADER_ANSWERS = ("Missing Token Answer", "Refused Login", "Forbidden Answer", "Unknown Route Answer",
                        "Wrong Method Answer", "Validation Error")

DEFECT_MAP: dict[str, tuple[str, ...]] = {
    # -- infrastructure
    # Dependency faults: only the container stack shows these (defect_harness.py --stack docker).
    "health-ignores-cache": (FAULTS + "Health Names The Cache While Redis Is Down",),
    "revocation-fails-open": (FAULTS + "A Token Revoked Before The Cache Failed Stays Refused",),
    "database-outage-leaks-driver-message": (FAULTS + "Logins Fail Cleanly While PostgreSQL Is Down",),
    "health-status-ok": (INFRA + "Health.Health Endpoint Reports A Healthy Service",),
    "health-version-missing": (INFRA + "Health.Health Endpoint Identifies The Running Build",),
    "root-health-link-missing": (INFRA + "Health.Root Endpoint Describes The Service",),
    "system-health-cache-missing": (
        INFRA + "Components.Admin System Health Reports Every Component",
        ADMIN + "Operations.System Health Reports Each Component Consistently",
    ),
    # "Cache Remembers A Revoked Token" logs out, which also ends the session: it passes here.
    "revocations-not-cached": (AUTH + "Revocation.Users Can Revoke Their Own Token",),
    "slow-health": ("09 Performance.Response Times.Health Checks Answer Within The Health Threshold",),
    # -- auth
    "logout-keeps-token": (
        AUTH + "Logout.Logout Revokes The Access Token",
        AUTH + "Logout.Logout Revokes The Refresh Token",
    ),
    "refresh-not-rotated": (
        AUTH + "Refresh.Refresh Issues A New Access Token And A New Refresh Token",
        AUTH + "Refresh.Rotated Out Refresh Token Is Refused",
    ),
    "rotated-refresh-accepted": (
        AUTH + "Refresh.Rotated Out Refresh Token Is Refused",
        AUTH + "Refresh.Reusing A Rotated Out Refresh Token Revokes Its Successor",
    ),
    "refresh-token-as-access-token": (
        AUTH + "Rejected Tokens.Refresh Token Is Refused As An Access Token",
        AUTH + "Rejected Tokens Challenge.Refresh Token Is Challenged",
        TOKEN_TYPES + "Refresh Token Cannot Call Introspection",
        TOKEN_TYPES + "Refresh Token Cannot Call Revocation",
        TOKEN_TYPES + "Refresh Token Cannot Log Out",
        TOKEN_TYPES + "Refresh Token Cannot Open A User Route",
    ),
    "expired-token-accepted": (
        AUTH + "Rejected Tokens.Expired Token Is Refused",
        AUTH + "Rejected Tokens Challenge.Expired Token Is Challenged",
    ),
    "alg-none-accepted": (
        AUTH + "Rejected Tokens.Unsigned Token Is Refused",
        AUTH + "Rejected Tokens Challenge.Unsigned Token Is Challenged",
    ),
    "signature-not-checked": (
        AUTH + "Rejected Tokens.Token With A Changed Payload Is Refused",
        AUTH + "Rejected Tokens.Token Signed With The Wrong Key Is Refused",
        AUTH + "Rejected Tokens Challenge.Token With A Changed Payload Is Challenged",
        TOKEN_ATTACKS + "A Tampered Signature Is Refused Wherever A Token Is Taken",
    ),
    "audience-not-checked": (
        AUTH + "Rejected Tokens.Token For Another Audience Is Refused",
        AUTH + "Rejected Tokens Challenge.Token For Another Audience Is Challenged",
        TOKEN_ATTACKS + "Token Without Audience Is Refused",
    ),
    "issuer-not-checked": (
        AUTH + "Rejected Tokens.Token From Another Issuer Is Refused",
        AUTH + "Rejected Tokens.Token Without Issuer Is Refused",
        TOKEN_ATTACKS + "Token Without Issuer Is Refused At Every User Route",
    ),
    "nbf-ignored": (
        AUTH + "Rejected Tokens.Token Not Yet Valid Is Refused",
        AUTH + "Rejected Tokens Challenge.Token Not Yet Valid Is Challenged",
    ),
    "exp-not-required": (
        AUTH + "Rejected Tokens.Token Without Expiry Is Refused",
        AUTH + "Rejected Tokens Challenge.Token Without Expiry Is Challenged",
        TOKEN_ATTACKS + "Token Without Expiry Is Refused At Every User Route",
    ),
    "introspection-revoked-active": (AUTH + "Introspection.Revoked Token Is Reported Inactive",),
    "introspection-anonymous": (
        AUTH + "Introspection.Introspection Requires An Authenticated Caller",
        MATRIX + "Authentication.Anonymous Caller Gets 401 On POST /api/v1/auth/introspect",
    ),
    "revoke-ignored": (
        AUTH + "Revocation.Users Can Revoke Their Own Token",
        AUTH + "Revocation.Administrators Can Revoke Any Token",
    ),
    "token-response-cacheable": (
        AUTH + "Login.Token Responses Are Never Cached",
        AUTH + "Refresh.Refresh Responses Are Never Cached",
        AUTH + "Service Tokens.Service Token Responses Are Never Cached",
    ),
    "requested-scope-ignored": (AUTH + "Login.Requested Scope Narrows The Grant",),
    "refresh-widens-grant": (AUTH + "Refresh.Refresh Never Widens The Original Grant",),
    "disabled-user-can-login": (AUTH + "Login.Disabled Account Cannot Sign In",),
    "email-login-missing": (AUTH + "Login.Users Can Sign In With Their E-Mail Address",),
    "expires-in-minutes": (AUTH + "Login.Expires In Matches The Access Token Lifetime",),
    "service-token-has-refresh-token": (AUTH + "Service Tokens.Service Token Response Has No Refresh Token And No Session",),
    # -- security
    "lockout-missing": (
        AUTH + "Lockout.Locked Account Refuses Even The Right Password",
        AUTH + "Lockout.Locked Account Answer Says When To Retry",
        ADMIN + "Security Events.A Lockout Is Recorded As Security Events",
    ),
    "lock-never-lifts": (AUTH + "Lockout.Lock Lifts After The Lockout Duration",),
    "locked-right-password-401": (AUTH + "Lockout.Locked Account Refuses Even The Right Password",),
    "lock-retry-after-missing": (AUTH + "Lockout.Locked Account Answer Says When To Retry",),
    "wrong-password-lifts-lock": (AUTH + "Lockout.Wrong Passwords During A Lock Neither Succeed Nor Lift It",),
    "failure-count-not-reset": (AUTH + "Lockout.Successful Login Resets The Failure Count",),
    "unknown-user-distinguishable": (AUTH + "Login.Unknown User And Wrong Password Get The Same Answer",),
    "unknown-client-distinguishable": (AUTH + "Service Tokens.Unknown Client Gets The Same Answer As A Wrong Secret",),
    "scopes-from-request": (
        AUTH + "Login.Requesting Scopes Not Held Grants Only The Held Ones",
        ROLES + "Scope Assignment.A Login Asking For Scopes Gets Only Those It Holds",
    ),
    "revoke-foreign-token": (AUTH + "Revocation.Users Cannot Revoke Another User's Token",),
    # -- users
    "user-reads-another-user": (
        USERS + "Access Rules.Users Cannot Read Another User",
        MATRIX + "Users.Normal User Gets 403 On GET /api/v1/users/{user_id}",
    ),
    "user-sets-own-privileges": (USERS + "Access Rules.Users Cannot Give Themselves Privileges",),
    "password-special-char-optional": (USERS + "Password Policy.No Special Character",),
    "password-digit-optional": (USERS + "Password Policy.No Digit",),
    "pagination-total-wrong": (
        USERS + "Listing.Users Are Listed Page By Page",
        ROLES + "Roles.The Role List Is Paged",
        CLIENTS + "Management.The Client List Is Paginated",
    ),
    "user-search-ignored": (USERS + "Listing.Search Shows Only Users Whose Details Match",),
    "user-delete-soft": (USERS + "Admin Management.Deleted Users Are Gone And Their Tokens Stop Working",),
    "password-change-keeps-tokens": (USERS + "Self Service.Tokens From Before A Password Change Stop Working",),
    "wrong-current-password-accepted": (USERS + "Self Service.A Wrong Current Password Is Refused",),
    "reset-token-reusable": (USERS + "Account Recovery.A Reset Token Sets A New Password Once",),
    "reset-request-reveals-accounts": (USERS + "Account Recovery.Password Reset Requests Do Not Reveal Accounts",),
    "user-stats-frozen": (USERS + "Listing.Total Users Grows When Users Are Created",),
    "unknown-role-ignored": (USERS + "Admin Management.An Unknown Role Creates Nothing",),
    # -- roles and scopes
    "permissions-check-bulk-removed": (
        INFRA + "Api Drift.Deployment Still Offers Every Contract Route",
        ROLES + "Permission Checks.A Bulk Check Answers Each Permission Like The User's Token",
    ),
    "role-scopes-appended": (ROLES + "Scope Assignment.Assigning Scopes To A Role Replaces Its Scopes",),
    "unknown-scope-ignored": (ROLES + "Scope Assignment.An Unknown Scope Cannot Be Assigned To A Role",),
    "role-user-count-zero": (ROLES + "Roles.A Role Counts The Users Holding It",),
    "scope-role-count-zero": (ROLES + "Scopes.A Scope Counts The Roles Holding It",),
    "scope-resource-filter-ignored": (ROLES + "Scopes.The Scope List Filters By Resource",),
    "user-roles-appended": (ROLES + "Scope Assignment.Taking A Role Away Removes Its Scopes",),
    "admin-scope-not-implied": (ROLES + "Permission Checks.An Admin Scope Allows Reading And Writing Its Area",),
    "permission-check-without-scope": (
        ROLES + "Permission Checks.Checking A Permission Needs The Permissions Scope In The Token",
        ROLES + "Permission Checks.Reading A User's Permissions Needs The Permissions Scope In The Token",
    ),
    # -- service clients
    "client-secret-in-get": (CLIENTS + "Registration.The Secret Is Shown Only Once",),
    "old-secret-works-after-rotation": (CLIENTS + "Credentials.Rotating A Secret Retires The Old One At Once",),
    "rotation-without-current-secret": (CLIENTS + "Credentials.Rotation Needs The Current Secret",),
    "disabled-client-gets-tokens": (
        AUTH + "Service Tokens.Disabled Client Cannot Get Tokens",
        CLIENTS + "Management.A Deactivated Client Shows It Cannot Authenticate",
    ),
    # the test client's own lifetime is the hour the defect hands out: only other lifetimes show it
    "client-token-lifetime-ignored": (CLIENTS + "Registration.Token Lifetimes At The Bounds Are Honoured",),
    "client-scope-not-narrowed": (AUTH + "Service Tokens.Requested Scope Narrows The Service Grant",),
    "client-search-ignored": (CLIENTS + "Management.A Search Finds Exactly The Clients With The Prefix",),
    "client-can-authenticate-always": (CLIENTS + "Management.A Deactivated Client Shows It Cannot Authenticate",),
    # -- sessions
    "session-foreign-deletable": (SESSIONS + "Own Sessions.Another User's Session Cannot Be Touched",),
    "sessions-list-all-users": (SESSIONS + "Own Sessions.Users See Only Their Own Sessions",),
    "end-session-ends-all": (SESSIONS + "Own Sessions.Ending One Session Keeps The Others",),
    "renew-ended-session": (SESSIONS + "Own Sessions.An Ended Session Cannot Be Renewed",),
    "session-renew-no-extension": (SESSIONS + "Own Sessions.Renewing A Session Extends It",),
    "session-stats-without-scope": (SESSIONS + "Administration.Session Administration Needs The Scope In The Token",),
    "cleanup-ends-live-sessions": (SESSIONS + "Administration.Cleanup Ends Only Expired Sessions",),
    "session-ip-not-recorded": (SESSIONS + "Own Sessions.A Login Opens A Session That Records Where It Came From",),
    # -- admin
    "dashboard-counts-frozen": (ADMIN + "Dashboard.Dashboard User Count Follows New Users",),
    "dashboard-failed-logins-not-counted": (ADMIN + "Dashboard.Dashboard Counts A Failed Login",),
    "admin-events-without-scope": (ADMIN + "Scopes In Token.Security Events",),
    "failed-login-not-recorded": (ADMIN + "Security Events.A Failed Login Is Recorded As A Security Event",),
    "role-change-not-audited": (ADMIN + "Audit.A Change Of Roles Is Audited",),
    "maintenance-ends-live-sessions": (ADMIN + "Operations.Maintenance Clean-Up Keeps Live Logins",),
    "error-log-paging-ignored": (ADMIN + "Operations.Error Log Is Paged As Asked",),
    "usage-new-users-zero": (ADMIN + "Operations.Usage Report Counts A New User",),
    "admin-route-open-to-users": (
        ADMIN + "Access Control.Dashboard Statistics",
        USERS + "Access Rules.Normal Users Cannot Administer Accounts",
        MATRIX + "Users.Normal User Gets 403 On GET /api/v1/users",
        ACCESS + "Scopes Claimed In The Request Open No Administration Route",
        ERRORS + "Admin Route For A Normal User Is Forbidden",
        HEADERS + "Forbidden Answer Carries The Security Headers",
    ),
    # -- security: tokens and access control (suites/08_security)
    "untyped-token-accepted": (
        TOKEN_ATTACKS + "Token Without Type Is Refused",
        TOKEN_TYPES + "Untyped Token Cannot Call Introspection",
        TOKEN_TYPES + "Untyped Token Cannot Call Revocation",
        TOKEN_TYPES + "Untyped Token Cannot Log Out",
        TOKEN_TYPES + "Untyped Token Cannot Open A User Route",
    ),
    "claim-sub-not-required": (TOKEN_ATTACKS + "Token Without Subject Is Refused",),
    "claim-iat-not-required": (TOKEN_ATTACKS + "Token Without Issue Time Is Refused",),
    "claim-jti-not-required": (TOKEN_ATTACKS + "Token Without Token Id Is Refused",),
    "refresh-token-as-logout-caller": (TOKEN_TYPES + "Refresh Token Cannot Log Out",),
    "service-token-as-user": (TOKEN_TYPES + "Service Token Cannot Open A User Route",),
    "refresh-error-400": (
        TOKEN_TYPES + "Access Token Cannot Be Refreshed",
        TOKEN_TYPES + "Service Token Cannot Be Refreshed",
        TOKEN_TYPES + "Untyped Token Cannot Be Refreshed",
        ACCESS + "Refresh Token Of A Deactivated Account Is Refused",
    ),
    "deactivated-user-tokens-work": (ACCESS + "Tokens Of A Deactivated Account Are Reported Inactive",),
    "privilege-fields-in-put-me": (ACCESS + "Profile Changes Cannot Grant Privileges",),
    "scopes-from-query": (
        ACCESS + "Scopes Claimed In The Request Open No Administration Route",
        ACCESS + "A Scope Claimed In The Body Checks No Permissions",
    ),
    "end-all-sessions-ends-everyone": (ACCESS + "Ending All Own Sessions Leaves Other Users Signed In",),
    "logout-ends-all-sessions": (ACCESS + "Logging Out Leaves Other Users Signed In",),
    "missing-token-403": (
        ERRORS + "Missing Token Is Unauthorized",
        ERRORS + "Sessions Without A Token Are Unauthorized",
        HEADERS + "Missing Token Answer Carries The Security Headers",
    ),
    # -- security: brute force and rate limits
    "failed-login-rate-limit-missing": (BRUTE_FORCE + "Failed Logins From One Address Are Rate Limited",),
    "registration-rate-limit-missing": (BRUTE_FORCE + "Registrations From One Address Are Rate Limited",),
    "retry-after-missing": (
        BRUTE_FORCE + "Failed Logins From One Address Are Rate Limited",
        BRUTE_FORCE + "Registrations From One Address Are Rate Limited",
    ),
    "failed-login-delay-reveals-accounts": (BRUTE_FORCE + "Login Time Does Not Reveal Which Accounts Exist",),
    "client-secret-error-400": (ERRORS + "Wrong Client Secret Is Unauthorized",),
    # -- security: hostile input
    "lookalike-username-login": (
        LOGIN_INJECTION + "Dotted Capital I Look-Alike Of The Admin Does Not Log In",
        LOGIN_INJECTION + "Full-Width Look-Alike Of The Admin Does Not Log In",
        LOGIN_INJECTION + "Cyrillic Look-Alike Of The Admin Does Not Log In",
    ),
    "login-sql-injection": tuple(LOGIN_INJECTION + test for test in SQL_LOGIN_PAYLOADS),
    "login-refusal-echoes-html": tuple(LOGIN_INJECTION + test for test in LOGIN_PAYLOADS),
    "user-search-echoes-html": tuple(f"{USER_INJECTION}User Search Treats {p} As Plain Text" for p in SEARCH_PAYLOADS),
    "profile-bio-sql-injection": (USER_INJECTION + "SQL In The Bio Does Not Make The User A Superuser",),
    "password-hash-in-user-response": (
        USER_INJECTION + "Script In The Display Name Is Stored As Plain Data",
        USER_INJECTION + "CR LF In The First Name Is Stored As Plain Data",
        USER_INJECTION + "NUL Byte In The Last Name Changes Nothing Else",
        CORS + "Signed-In Read From A Foreign Origin Gets No Allowance",
        CORS + "Credentials Are Never Allowed For Any Origin",
    ),
    "traceback-on-malformed-json": (
        BODIES + "Refresh Refuses Malformed JSON",
        BODIES + "Registration Refuses Malformed JSON",
        BODIES + "Introspection Refuses Malformed JSON",
    ),
    "nested-json-crashes": (
        BODIES + "Refresh Survives Deeply Nested JSON",
        BODIES + "Registration Survives Deeply Nested JSON",
        BODIES + "Profile Update Survives Deeply Nested JSON",
        BODIES + "Refresh Refuses Invalid UTF-8",
    ),
    "validation-error-default-shape": (
        LOGIN_INJECTION + "Overlong User Name Is Refused Cleanly",
        ERRORS + "Malformed User Id Is Refused",
        ERRORS + "Incomplete New User Is A Validation Error",
        ERRORS + "Incomplete New Role Is A Validation Error",
        ERRORS + "Refresh Without A Token Is A Validation Error",
        ERRORS + "Login Without Credentials Is A Validation Error",
        ERRORS + "Page Zero Is A Validation Error",
        ERRORS + "Password Reset Without An E-Mail Is A Validation Error",
        BODIES + "Refresh Refuses A JSON Array",
        BODIES + "Refresh Refuses A Text Body",
        BODIES + "Refresh Refuses XML With An External Entity",
        BODIES + "Refresh Refuses An Empty Body",
        BODIES + "Login Refuses A JSON Body Instead Of A Form",
        BODIES + "Login Refuses XML With An External Entity",
        BODIES + "Introspection Refuses A Text Body",
        BODIES + "Profile Update Refuses A JSON Array",
        USER_INJECTION + "User Search Treats Overlong Text As Plain Text",
        USER_INJECTION + "NoSQL Operator Object In The Bio Is Refused Or Stored As Data",
        USER_INJECTION + "List In The Display Name Changes Nothing Else",
        USER_INJECTION + "Overlong Bio Changes Nothing Else",
        *(f"{USER_INJECTION}User Id In The Path Treats {p} As Plain Text" for p in PATH_ID_PAYLOADS),
    ),
    "sql-text-in-error": (
        ERRORS + "Unknown User Is Not Found",
        ERRORS + "Unknown Role Is Not Found",
        ERRORS + "Unknown Scope Is Not Found",
        ERRORS + "Unknown Service Client Is Not Found",
        ERRORS + "Unknown Session Is Not Found",
        ERRORS + "Permission Check For An Unknown User Is Not Found",
    ),
    "reset-token-garbage-crashes": (ERRORS + "Garbage Reset Token Is Refused",),
    # -- security: headers, methods, CORS and hosts
    "security-headers-missing-on-errors": tuple(f"{HEADERS}{answer} Carries The Security Headers" for answer in ERROR_HEADER_ANSWERS),
    "referrer-policy-missing": (
        HEADERS + "Health Check Carries The Security Headers",
        HEADERS + "Root Answer Carries The Security Headers",
        HEADERS + "Successful Login Carries The Security Headers",
        HEADERS + "Own User Record Carries The Security Headers",
    ),
    "server-version-header": (
        HEADERS + "Server Header Names No Version On Success",
        HEADERS + "Server Header Names No Version On Errors",
    ),
    "trace-method-allowed": (
        HEADERS + "TRACE Is Refused On The Health Check",
        HEADERS + "TRACE Is Refused On The Own User Record",
    ),
    "method-not-allowed-404": (
        HEADERS + "PATCH Is Refused On The Own User Record",
        HEADERS + "DELETE Is Refused On The Token Route",
        HEADERS + "PUT Is Refused On The Token Route",
        HEADERS + "Wrong Method Answer Carries The Security Headers",
    ),
    "route-errors-default-shape": (
        ERRORS + "Wrong Method Gets The Error Shape",
        ERRORS + "Unknown Route Gets The Error Shape",
        USER_INJECTION + "User Id In The Path Treats Path Traversal As Plain Text",
        USER_INJECTION + "User Id In The Path Treats Script Tag As Plain Text",
    ),
    "cors-reflects-any-origin": (
        CORS + "Preflight From A Foreign Origin Gets No Allowance",
        CORS + "Signed-In Read From A Foreign Origin Gets No Allowance",
    ),
    "cors-wildcard-with-credentials": (
        CORS + "Preflight From The Allowed Origin Is Echoed",
        CORS + "Credentials Are Never Allowed For Any Origin",
    ),
    "foreign-host-accepted": (
        CORS + "Foreign Host Is Refused On The Health Check",
        CORS + "Login Under A Foreign Host Issues No Token",
    ),
}
"""defect name -> suite-qualified names of the tests expected to catch it."""
