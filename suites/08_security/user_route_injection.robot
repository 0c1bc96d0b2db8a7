*** Settings ***
Documentation    The users routes take text from callers in three places: the administrators'
...              user search, the user id in the path, and the profile fields every user edits.
...              Attack payloads there (SQL, NoSQL, LDAP, traversal, script, CR/LF, NUL bytes) must
...              be plain data: a search finds only records that contain the text, an id matches no
...              record and reads no file, a profile field is stored as text or refused, and the
...              account's name, e-mail and privileges stay as they were. Never a 5xx, a trace or
...              an echo into HTML. Payloads: ``variables/hostile_payloads.json``.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        security


*** Test Cases ***
User Search Treats SQL Tautology As Plain Text
    [Documentation]    ``' OR '1'='1`` must not turn the search into a list of everyone.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    sql-tautology

User Search Treats SQL Union As Plain Text
    [Documentation]    A ``UNION SELECT`` must not add rows to the search.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    sql-union

User Search Treats NoSQL Operator As Plain Text
    [Documentation]    A ``$ne`` operator must be searched for as text.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    nosql-operator

User Search Treats LDAP Wildcard As Plain Text
    [Documentation]    LDAP wildcards must not match every user.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    ldap-wildcard

User Search Treats Script Tag As Plain Text
    [Documentation]    A script must be searched for as text and never come back in HTML.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    script-tag

User Search Treats An HTML Attribute Break-Out As Plain Text
    [Documentation]    ``"><img onerror=…>`` must be searched for as text and never come back in HTML.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    html-attribute

User Search Treats Format String As Plain Text
    [Documentation]    ``%s%n`` must not be fed to a formatter.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    format-string

User Search Treats Overlong Text As Plain Text
    [Documentation]    A 5000-character search is refused as an invalid search or finds nothing, never a 5xx.
    [Tags]    owasp-api8-misconfig    route:get:/api/v1/users/
    [Template]    User Search For Hostile Text Should Find Only Matches
    overlong

User Id In The Path Treats SQL Tautology As Plain Text
    [Documentation]    ``' OR '1'='1`` as an id must not select a user.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    sql-tautology

User Id In The Path Treats Stacked SQL Query As Plain Text
    [Documentation]    A second statement in the id must not run.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    sql-stacked-query

User Id In The Path Treats NoSQL Operator As Plain Text
    [Documentation]    A ``$ne`` operator as an id must not match a user.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    nosql-operator

User Id In The Path Treats Path Traversal As Plain Text
    [Documentation]    ``../../etc/passwd`` as an id must not read a file or reach another route.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    path-traversal

User Id In The Path Treats Script Tag As Plain Text
    [Documentation]    A script as an id must not come back in HTML.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    script-tag

User Id In The Path Treats CR LF As Plain Text
    [Documentation]    An encoded CR/LF in the id must not plant a header.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    crlf-header

User Id In The Path Treats NUL Byte As Plain Text
    [Documentation]    A NUL byte in the id is refused with a 4xx, never a 5xx.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    nul-byte

User Id In The Path Treats Overlong Id As Plain Text
    [Documentation]    A 5000-character id is refused with a 4xx, never a 5xx.
    [Tags]    owasp-api8-misconfig
    [Template]    User Lookup By Hostile Id Should Find Nothing
    overlong

SQL In The Bio Does Not Make The User A Superuser
    [Documentation]    An ``UPDATE``-breaking payload in the bio must not make the user a superuser or rename it.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    bio    sql-privilege-update

Script In The Display Name Is Stored As Plain Data
    [Documentation]    A script in the display name is stored as text or refused, and changes nothing else.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    display_name    script-tag

CR LF In The First Name Is Stored As Plain Data
    [Documentation]    A CR/LF in the first name plants no header and changes nothing else.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    first_name    crlf-header

NUL Byte In The Last Name Changes Nothing Else
    [Documentation]    A NUL byte in the last name is stored or refused, never a 5xx.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    last_name    nul-byte

NoSQL Operator Object In The Bio Is Refused Or Stored As Data
    [Documentation]    A ``{"$ne": null}`` object where text belongs is refused or stored, never run as an update
    ...    operator.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    bio    nosql-operator-object

List In The Display Name Changes Nothing Else
    [Documentation]    A list where text belongs is refused or stored, and changes nothing else.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    display_name    list-instead-of-text

Overlong Bio Changes Nothing Else
    [Documentation]    A 5000-character bio is stored or refused, never a 5xx.
    [Tags]    owasp-api3-property
    [Template]    Hostile Profile Field Should Change Nothing Else
    bio    overlong
