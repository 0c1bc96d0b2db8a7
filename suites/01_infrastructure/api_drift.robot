*** Settings ***
Documentation    Client teams generate their SDKs and API gateways from the OpenAPI document the
...              deployment publishes at /openapi.json. When a release drops a route of the
...              contract, or serves it with another method, every client built on it breaks
...              although each remaining route still works. This test compares the document with
...              the contract's route tables (variables/contract_routes.py, built from
...              PERMISO_API_BASE): every missing route is named; routes the deployment offers
...              beyond the contract are allowed and only listed in the log. A deployment that
...              hides its document (for example 404) skips the test with that reason.

Resource         imports.resource

Test Teardown    Remove Temporary Data

Test Tags        infrastructure


*** Test Cases ***
Deployment Still Offers Every Contract Route
    [Documentation]    A route that vanished from the published API breaks every client generated from it.
    ${document}    OpenAPI Document Of The Deployment
    Deployment Should Offer Every Contract Route    ${document}
