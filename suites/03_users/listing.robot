*** Settings ***
Documentation    Administrators find accounts in the user list, page by page, by search text and
...              by state or role. Other tests add users at the same time, so every test gives its
...              own users one unique name prefix and narrows the list with a search for it; the
...              statistics are only checked to move by at least one while a test adds several.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        users


*** Test Cases ***
Users Are Listed Page By Page
    [Documentation]    Five users shown two a page take three pages, each user exactly once.
    [Tags]    smoke    route:get:/api/v1/users/
    ${prefix}    Generate Unique Name    page
    ${created}    Create Users Named With    ${prefix}    5
    ${pages}    Page Through Users Matching    ${prefix}    per_page=2
    Every Page Should Report    ${pages}    total=5    page_count=3    per_page=2
    Pages Should Hold    ${pages}    2    2    1
    Pages Should List Each User Exactly Once    ${pages}    ${created}

Search Shows Only Users Whose Details Match
    [Documentation]    A search for one prefix shows its users and none of another prefix.
    [Tags]    route:get:/api/v1/users/
    ${prefix}    Generate Unique Name    find
    ${other_prefix}    Generate Unique Name    other
    ${wanted}    Create Users Named With    ${prefix}    2
    Create Users Named With    ${other_prefix}    1
    ${pages}    Page Through Users Matching    ${prefix}    per_page=100
    Pages Should List Each User Exactly Once    ${pages}    ${wanted}

Page Size Must Be Between 1 And 100
    [Documentation]    Page sizes outside 1 to 100 are refused as invalid; the limits themselves work.
    [Tags]    route:get:/api/v1/users/
    [Template]    Page Size Should Be Answered With
    0    422
    101    422
    1    200
    100    200

Filters Narrow The List
    [Documentation]    Each filter shows the users that match it and hides the others.
    [Tags]    route:get:/api/v1/users/
    [Template]    Filtering Should Return Only Matching Users
    is_active    false
    is_active    true
    is_verified    true
    is_verified    false
    role_id    normal role

User Statistics Report Every Count
    [Documentation]    The statistics name the totals of all, active, verified, locked and recently registered users.
    [Tags]    smoke
    ${stats}    User Statistics
    Count Should Include The Shared Accounts    ${stats}

Total Users Grows When Users Are Created
    [Documentation]    After five new users the total has grown by at least one, whatever other tests do meanwhile.
    Total Users Should Grow With New Users    5
