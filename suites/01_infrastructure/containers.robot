*** Settings ***
Documentation    A production deployment runs four containers (contract §12): the application,
...              PostgreSQL, Redis and nginx, whose names come from CONTAINER_APP,
...              CONTAINER_POSTGRES, CONTAINER_REDIS and CONTAINER_NGINX. When the Docker engine
...              of the deployment answers (DOCKER_HOST or the local socket), each container must
...              be running and, if it defines a health check, report healthy. Where no engine
...              answers, for example against the embedded reference service, the tests skip and
...              say where they looked.

Resource         imports.resource

Test Teardown    Remove Temporary Data
Test Template    Container Should Be Running And Healthy

Test Tags        infrastructure    requires-docker


*** Test Cases ***    CONTAINER
Application Container Is Running And Healthy
    ${CONTAINER_APP}
Database Container Is Running And Healthy
    ${CONTAINER_POSTGRES}
Cache Container Is Running And Healthy
    ${CONTAINER_REDIS}
Reverse Proxy Container Is Running And Healthy
    ${CONTAINER_NGINX}
