*** Settings ***
Documentation    The usage report covers the last 1 to 365 days. A period outside that range
...              is a mistake of the caller and gets a validation error rather than an empty or
...              unbounded report.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Usage Report For ${days} Days Should Be Answered With ${status}

Test Tags        admin


*** Test Cases ***    DAYS    STATUS
One Day    1    200
A Year    365    200
No Day At All    0    422
More Than A Year    366    422
