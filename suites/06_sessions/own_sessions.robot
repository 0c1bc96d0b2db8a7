*** Settings ***
Documentation    Every successful login opens a session, so that users can see where they are
...              signed in (address and browser), extend a session they still use, and end one or
...              all of them, for example after losing a device. A user sees and changes only its
...              own sessions. Each test signs in temporary users it creates; the shared accounts'
...              sessions are never listed or ended.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        sessions


*** Test Cases ***
A Login Opens A Session That Records Where It Came From
    [Documentation]    The session list shows the login's address and the browser it named.
    [Tags]    smoke
    ${user}    Create Temporary User    qa-session
    ${login}    Log In From A Distinctive Browser    ${user}
    Session Should Record Where The Login Came From    ${login}    ${user}

Each Login Opens Its Own Session
    [Documentation]    Two logins are two sessions, and the total counts both.
    ${user}    Create Temporary User    qa-session
    ${first}    ${second}    Log In Twice    ${user}
    Listed Sessions Should Be Exactly    ${second}    ${first}[session_id]    ${second}[session_id]

Users See Only Their Own Sessions
    [Documentation]    Where another user is signed in is none of a user's business.
    [Tags]    critical
    ${user}    Create Temporary User    qa-session
    ${other}    Create Temporary User    qa-other
    ${login}    Log In As Temporary User    ${user}
    ${other_login}    Log In As Temporary User    ${other}
    Session Should Not Be Listed To    ${login}    ${other_login}[session_id]    another user's

Ending One Session Keeps The Others
    [Documentation]    A user signs out a lost device without signing out the one in hand.
    ${user}    Create Temporary User    qa-session
    ${lost}    ${kept}    Log In Twice    ${user}
    End Session    ${kept}    ${lost}[session_id]
    Listed Sessions Should Be Exactly    ${kept}    ${kept}[session_id]

Ending All Sessions Leaves None
    [Documentation]    "Sign out everywhere" ends every session of the user.
    [Tags]    critical
    ${user}    Create Temporary User    qa-session
    Log In Twice    ${user}
    ${third}    Log In As Temporary User    ${user}
    End All Sessions    ${third}    at_least=3
    No Session Should Remain Of    ${user}    ${third}

Ending Sessions Needs The Owner's Token
    [Documentation]    An anonymous caller cannot sign anybody out.
    ${user}    Create Temporary User    qa-session
    ${login}    Log In As Temporary User    ${user}
    Ending All Sessions Without A Token Should Be Refused
    Listed Sessions Should Be Exactly    ${login}    ${login}[session_id]

Renewing A Session Extends It
    [Documentation]    A renewed session expires later than before.
    ${user}    Create Temporary User    qa-session
    ${login}    Log In As Temporary User    ${user}
    Session Should Be Renewed    ${login}

An Ended Session Cannot Be Renewed
    [Documentation]    A session once ended stays ended.
    [Tags]    critical
    ${user}    Create Temporary User    qa-session
    Renewing An Ended Session Should Be Refused    ${user}

Unknown Sessions Are Answered With Not Found
    [Documentation]    Renewing or ending a session id nobody has gets 404 and changes nothing.
    [Template]    Acting On An Unknown Session Should Be Answered 404
    renew
    end

Another User's Session Cannot Be Touched
    [Documentation]    Renewing or ending someone else's session is forbidden, and the session stays as it was.
    [Tags]    critical
    [Template]    Acting On Another User's Session Should Be Forbidden
    renew
    end
