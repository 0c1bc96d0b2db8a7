*** Settings ***
Documentation    Attackers type code where the login form expects a name: SQL, NoSQL and LDAP
...              fragments, shell commands, path traversal, script and template payloads, CR/LF to
...              split headers, NUL bytes, and names that only look like the administrator's
...              (``ADMİN``, full-width or Cyrillic letters). Each is sent with the administrator's
...              real password, so a lookup the payload bends would log in as the administrator.
...              The defence: a 4xx in the contract's error shape, no token, no trace, no echo
...              into HTML, no planted header. Unknown names are never locked (§8.1), so these
...              tests never lock the administrator. Payloads: ``variables/hostile_payloads.json``.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Login As Hostile User Name Should Be Refused

Test Tags        security    owasp-api2-auth


*** Test Cases ***
SQL Tautology As User Name Does Not Log In
    [Documentation]    ``' OR '1'='1`` with the admin's password must not bypass the user lookup.
    [Tags]    critical
    sql-tautology
SQL Comment After The Admin Name Does Not Log In
    [Documentation]    ``admin'--`` must not cut off the password check and log in as the admin.
    [Tags]    critical
    sql-comment-after-admin
SQL Union As User Name Does Not Log In
    [Documentation]    A ``UNION SELECT`` must not forge a user row that matches the password.
    sql-union
Stacked SQL Query As User Name Does Not Log In
    [Documentation]    A second statement after the name must not run, nor fail the server.
    sql-stacked-query
NoSQL Operator As User Name Does Not Log In
    [Documentation]    A ``$ne`` operator in the name must be taken as text, not as a query.
    nosql-operator
NoSQL Script As User Name Does Not Log In
    [Documentation]    A JavaScript fragment for a ``$where`` clause must be taken as text.
    nosql-where
LDAP Wildcard As User Name Does Not Log In
    [Documentation]    An LDAP filter with wildcards must not match every directory entry.
    ldap-wildcard
LDAP Filter After The Admin Name Does Not Log In
    [Documentation]    An LDAP OR-clause after the admin's name must not skip the password.
    ldap-admin-or
Shell Command As User Name Does Not Log In
    [Documentation]    ``$(sleep 5)`` must never reach a shell; it is an unknown name.
    command-substitution
Path Traversal As User Name Does Not Log In
    [Documentation]    ``../../etc/passwd`` is a name like any other, never a file to read.
    path-traversal
Script Tag As User Name Does Not Log In
    [Documentation]    A script in the name must not come back in an HTML answer.
    script-tag
Template Expression As User Name Does Not Log In
    [Documentation]    ``{{7*7}}`` must not be evaluated by a template engine.
    template-expression
CR LF As User Name Does Not Split The Answer
    [Documentation]    A CR/LF with a header after it must not plant a cookie in the answer.
    crlf-header
NUL Byte After The Admin Name Does Not Log In
    [Documentation]    ``admin\0`` with the admin's password must not be cut back to the admin's name.
    nul-byte
Overlong User Name Is Refused Cleanly
    [Documentation]    A 5000-character name is refused with a 4xx, never a 5xx.
    overlong
Dotted Capital I Look-Alike Of The Admin Does Not Log In
    [Documentation]    ``ADMİN`` with the admin's password must not be case-folded into the admin's name.
    [Template]    Login As Admin Look-Alike Should Be Refused
    dotted-capital-i
Full-Width Look-Alike Of The Admin Does Not Log In
    [Documentation]    ``ａｄｍｉｎ`` with the admin's password must not be NFKC-normalised into the admin's name.
    [Template]    Login As Admin Look-Alike Should Be Refused
    full-width
Cyrillic Look-Alike Of The Admin Does Not Log In
    [Documentation]    The Cyrillic look-alike with the admin's password must not be transliterated into the admin's
    ...    name.
    [Template]    Login As Admin Look-Alike Should Be Refused
    cyrillic
Registering A Dotted Capital I Look-Alike Does Not Shadow The Admin
    [Documentation]    Registering ``ADMİN`` is refused or yields an ordinary account; the admin's login still
    ...    reaches the admin.
    [Template]    Registering Admin Look-Alike Should Not Shadow The Admin
    dotted-capital-i
Registering A Full-Width Look-Alike Does Not Shadow The Admin
    [Documentation]    Registering ``ａｄｍｉｎ`` is refused or yields an ordinary account; the admin's login still
    ...    reaches the admin.
    [Template]    Registering Admin Look-Alike Should Not Shadow The Admin
    full-width
Registering A Cyrillic Look-Alike Does Not Shadow The Admin
    [Documentation]    Registering a Cyrillic look-alike is refused or yields an ordinary account; the admin's login
    ...    still reaches the admin.
    [Template]    Registering Admin Look-Alike Should Not Shadow The Admin
    cyrillic
