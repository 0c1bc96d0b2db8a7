*** Settings ***
Documentation    In production nginx terminates TLS: plain HTTP is only there to send browsers
...              to HTTPS (or is closed), the certificate must be trusted for the public host
...              name and must not be about to expire, and every HTTPS answer tells browsers to
...              stay on HTTPS (HSTS). A test deployment without TLS cannot show any of this:
...              there the tests skip and name the configuration they miss
...              (PERMISO_BASE_URL with https, or PERMISO_HTTP_URL).

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        infrastructure    requires-https


*** Test Cases ***
Plain HTTP Sends Clients To HTTPS
    [Documentation]    Credentials must never travel in clear text: port 80 redirects (301/308) or stays silent.
    [Tags]    critical
    ${http_url}    Plain HTTP Endpoint Under Test
    Plain HTTP Should Redirect To HTTPS Or Stay Silent    ${http_url}

Certificate Is Trusted For The Public Host Name
    [Documentation]    Clients only trust a certificate that is current, names the host and chains to a trusted CA.
    [Tags]    critical
    ${https_url}    HTTPS Endpoint Under Test
    TLS Certificate Should Be Valid For The Host    ${https_url}

Certificate Does Not Expire Within Two Weeks
    [Documentation]    An expiring certificate takes every client down: renewal must happen two weeks ahead.
    ${https_url}    HTTPS Endpoint Under Test
    TLS Certificate Should Stay Valid For At Least    ${https_url}    days=14

HTTPS Answers Demand Strict Transport Security For A Year
    [Documentation]    HSTS for at least a year keeps browsers off plain HTTP after the first visit.
    HTTPS Endpoint Under Test
    HTTPS Answers Should Demand Strict Transport Security    min_age=31536000
