"""Pydantic request and response models (they also make the OpenAPI document)."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal

import email_validator
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, WithJsonSchema, model_validator

from sut import variants
from sut.passwords import check_password_policy, check_username


def _check_email(value: str) -> str:
    try:
        result = email_validator.validate_email(value, check_deliverability=False, test_environment=True)
    except email_validator.EmailNotValidError as exc:
        raise ValueError(f"invalid e-mail address: {exc}") from None
    return result.normalized.lower()


def _check_name(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value.strip()


def _check_client_id(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]{2,99}", value):
        raise ValueError("client_id must be 3 to 100 characters of letters, digits, '_', '.' or '-'")
    return value


Email = Annotated[str, Field(min_length=3, max_length=320), AfterValidator(_check_email)]
Username = Annotated[str, Field(min_length=3, max_length=50), AfterValidator(check_username)]
NewPassword = Annotated[str, Field(min_length=8, max_length=128), AfterValidator(check_password_policy)]
ShortText = Annotated[str, Field(max_length=100)]
LongText = Annotated[str, Field(max_length=2000)]
Timestamp = Annotated[
    dt.datetime,
    PlainSerializer(variants.timestamp, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]


class Strict(BaseModel):
    """Request bodies: unknown keys are ignored."""

    model_config = ConfigDict(extra="ignore")


# -- errors ---------------------------------------------------------------------------------
class ErrorResponse(BaseModel):
    error: str
    error_description: str


class ValidationDetail(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorResponse(ErrorResponse):
    details: list[ValidationDetail]


# -- root -----------------------------------------------------------------------------------
class RootResponse(BaseModel):
    message: str
    version: str
    health: str


class HealthResponse(BaseModel):
    status: Literal["healthy", "unhealthy"]
    service: str
    version: str
    environment: str
    timestamp: Timestamp
    components: dict[str, str] | None = None


class MessageResponse(BaseModel):
    message: str


# -- auth -----------------------------------------------------------------------------------
class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int
    refresh_token: str | None = None
    scope: str
    session_id: str | None = None


class RefreshRequest(Strict):
    refresh_token: str = Field(max_length=8192)


class TokenRequest(Strict):
    token: str = Field(max_length=8192)
    token_type_hint: str | None = Field(default=None, max_length=50)


class IntrospectResponse(BaseModel):
    active: bool
    sub: str | None = None
    username: str | None = None
    client_id: str | None = None
    scope: str | None = None
    exp: int | None = None
    iat: int | None = None
    token_type: str | None = None


class LogoutResponse(BaseModel):
    message: str
    sessions_terminated: int


# -- users ----------------------------------------------------------------------------------
class RegisterRequest(Strict):
    username: Username
    email: Email
    password: NewPassword
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    display_name: ShortText | None = None
    bio: LongText | None = None


class UserCreateRequest(RegisterRequest):
    is_active: bool = True
    is_verified: bool = False
    is_superuser: bool = False
    role_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)


class ProfileUpdateRequest(Strict):
    email: Email | None = None
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    display_name: ShortText | None = None
    bio: LongText | None = None


class UserUpdateRequest(ProfileUpdateRequest):
    is_active: bool | None = None
    is_verified: bool | None = None
    is_superuser: bool | None = None
    role_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)

    @model_validator(mode="before")
    @classmethod
    def _no_username_or_password(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("username", "password"):
                if key in data:
                    raise ValueError(f"{key} cannot be changed here")
        return data


class PasswordChangeRequest(Strict):
    current_password: str | None = Field(default=None, max_length=256)
    new_password: NewPassword


class RoleIdsRequest(Strict):
    role_ids: list[uuid.UUID] = Field(max_length=100)


class EmailRequest(Strict):
    email: Email


class ResetConfirmRequest(Strict):
    token: str = Field(min_length=1, max_length=512)
    new_password: NewPassword


class VerifyConfirmRequest(Strict):
    token: str = Field(min_length=1, max_length=512)


class RoleInfo(BaseModel):
    id: str
    name: str
    description: str | None = None


class UserResponse(BaseModel):
    id: str
    username: str
    email: str
    first_name: str | None = None
    last_name: str | None = None
    display_name: str | None = None
    bio: str | None = None
    is_active: bool
    is_verified: bool
    is_superuser: bool
    full_name: str | None = None
    last_login: Timestamp | None = None
    created_at: Timestamp
    updated_at: Timestamp
    roles: list[RoleInfo]
    scopes: list[str]


class UserList(BaseModel):
    users: list[UserResponse]
    total: int
    page: int
    per_page: int
    pages: int


class UserStats(BaseModel):
    total_users: int
    active_users: int
    verified_users: int
    locked_users: int
    recent_registrations: int


# -- roles and scopes -----------------------------------------------------------------------
class ScopeInfo(BaseModel):
    id: str
    name: str
    description: str | None = None
    resource: str
    action: str


class RoleResponse(BaseModel):
    id: str
    name: str
    description: str | None = None
    created_at: Timestamp
    updated_at: Timestamp
    scopes: list[ScopeInfo]
    user_count: int


class RoleList(BaseModel):
    roles: list[RoleResponse]
    total: int
    page: int
    per_page: int
    pages: int


class RoleCreateRequest(Strict):
    name: Annotated[str, Field(min_length=2, max_length=50), AfterValidator(_check_name)]
    description: LongText | None = None
    scope_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)


class RoleUpdateRequest(Strict):
    name: Annotated[str, Field(min_length=2, max_length=50), AfterValidator(_check_name)] | None = None
    description: LongText | None = None
    scope_ids: list[uuid.UUID] | None = Field(default=None, max_length=200)


class ScopeIdsRequest(Strict):
    scope_ids: list[uuid.UUID] = Field(max_length=200)


class ScopeResponse(BaseModel):
    id: str
    name: str
    description: str | None = None
    resource: str
    action: str
    created_at: Timestamp
    updated_at: Timestamp
    role_count: int


class ScopeList(BaseModel):
    scopes: list[ScopeResponse]
    total: int
    page: int
    per_page: int
    pages: int


ScopeName = Annotated[str, Field(min_length=2, max_length=100), AfterValidator(_check_name)]
ScopePart = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_check_name)]


class ScopeCreateRequest(Strict):
    name: ScopeName
    description: LongText | None = None
    resource: ScopePart
    action: ScopePart


class ScopeUpdateRequest(Strict):
    name: ScopeName | None = None
    description: LongText | None = None
    resource: ScopePart | None = None
    action: ScopePart | None = None


class PermissionCheckRequest(Strict):
    user_id: uuid.UUID
    resource: ScopePart
    action: ScopePart


class PermissionItem(Strict):
    resource: ScopePart
    action: ScopePart


class BulkCheckRequest(Strict):
    user_id: uuid.UUID
    permissions: list[PermissionItem] = Field(max_length=100)


class PermissionCheckResponse(BaseModel):
    allowed: bool
    reason: str
    matching_scopes: list[str]
    user_roles: list[str]


class BulkCheckResult(BaseModel):
    resource: str
    action: str
    allowed: bool
    reason: str
    matching_scopes: list[str]


class BulkCheckResponse(BaseModel):
    results: list[BulkCheckResult]
    user_roles: list[str]
    user_scopes: list[str]


class UserPermissionsResponse(BaseModel):
    user_id: str
    roles: list[str]
    scopes: list[str]


# -- service clients ------------------------------------------------------------------------
ClientType = Literal["confidential", "public"]


class ServiceClientResponse(BaseModel):
    id: str
    client_id: str
    name: str
    description: str | None = None
    client_type: str
    is_active: bool
    is_trusted: bool
    contact_email: str | None = None
    website_url: str | None = None
    access_token_lifetime: int
    refresh_token_lifetime: int
    rate_limit_per_minute: int
    rate_limit_per_hour: int
    allowed_ips: list[str] | None = None
    webhook_url: str | None = None
    last_used: Timestamp | None = None
    total_requests: int
    created_at: Timestamp
    updated_at: Timestamp
    scopes: list[ScopeInfo]
    can_authenticate: bool
    supports_refresh_tokens: bool


class ServiceClientList(BaseModel):
    clients: list[ServiceClientResponse]
    total: int
    page: int
    per_page: int
    pages: int


class ServiceClientCreated(BaseModel):
    client: ServiceClientResponse
    client_secret: str


Url = Annotated[str, Field(max_length=500)]


class ServiceClientCreateRequest(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_check_name)]
    client_id: Annotated[str, Field(min_length=3, max_length=100), AfterValidator(_check_client_id)] | None = None
    client_secret: Annotated[str, Field(min_length=16, max_length=256)] | None = None
    description: LongText | None = None
    client_type: ClientType = "confidential"
    is_active: bool = True
    is_trusted: bool = False
    contact_email: Email | None = None
    website_url: Url | None = None
    webhook_url: Url | None = None
    scope_ids: list[uuid.UUID] = Field(default_factory=list, max_length=200)
    access_token_lifetime: int = Field(default=3600, ge=300, le=86400)
    refresh_token_lifetime: int = Field(default=86400, ge=0, le=31536000)
    rate_limit_per_minute: int = Field(default=60, ge=1, le=1_000_000)
    rate_limit_per_hour: int = Field(default=1000, ge=1, le=100_000_000)
    allowed_ips: list[Annotated[str, Field(max_length=64)]] | None = Field(default=None, max_length=100)


class ServiceClientUpdateRequest(Strict):
    name: Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_check_name)] | None = None
    description: LongText | None = None
    client_type: ClientType | None = None
    is_active: bool | None = None
    is_trusted: bool | None = None
    contact_email: Email | None = None
    website_url: Url | None = None
    webhook_url: Url | None = None
    scope_ids: list[uuid.UUID] | None = Field(default=None, max_length=200)
    access_token_lifetime: int | None = Field(default=None, ge=300, le=86400)
    refresh_token_lifetime: int | None = Field(default=None, ge=0, le=31536000)
    rate_limit_per_minute: int | None = Field(default=None, ge=1, le=1_000_000)
    rate_limit_per_hour: int | None = Field(default=None, ge=1, le=100_000_000)
    allowed_ips: list[Annotated[str, Field(max_length=64)]] | None = Field(default=None, max_length=100)


class RotateSecretRequest(Strict):
    current_secret: str = Field(max_length=256)


class RotateSecretResponse(BaseModel):
    message: str
    client_secret: str


class ClientPermissionsResponse(BaseModel):
    client_id: str
    scopes: list[str]
    resources: dict[str, list[str]]
    can_access_admin: bool


class ClientRateLimitResponse(BaseModel):
    client_id: str
    per_minute_limit: int
    per_minute_remaining: int
    per_hour_limit: int
    per_hour_remaining: int
    is_rate_limited: bool


class ClientStats(BaseModel):
    total_clients: int
    active_clients: int
    trusted_clients: int


# -- sessions -------------------------------------------------------------------------------
class SessionInfo(BaseModel):
    session_id: str
    user_id: str
    username: str
    ip_address: str | None = None
    user_agent: str | None = None
    created_at: Timestamp
    last_activity: Timestamp
    expires_at: Timestamp


class SessionList(BaseModel):
    sessions: list[SessionInfo]
    total: int


class SessionsTerminated(BaseModel):
    message: str
    sessions_terminated: int


class SessionRenewed(BaseModel):
    message: str
    session_id: str
    expires_at: Timestamp


class SessionEnded(BaseModel):
    message: str
    session_id: str


class SessionStats(BaseModel):
    active_sessions: int
    sessions_created_today: int
    expired_sessions: int
    total_sessions: int


class SessionCleanup(BaseModel):
    message: str
    sessions_cleaned: int


# -- admin ----------------------------------------------------------------------------------
class DashboardUsers(BaseModel):
    total: int
    active: int
    verified: int
    locked: int
    recent_registrations: int


class DashboardRoles(BaseModel):
    total_roles: int
    total_scopes: int


class DashboardClients(BaseModel):
    total: int
    active: int


class DashboardAuth(BaseModel):
    total_logins_today: int
    failed_logins_today: int
    active_sessions: int


class DashboardStats(BaseModel):
    users: DashboardUsers
    roles_and_permissions: DashboardRoles
    service_clients: DashboardClients
    authentication: DashboardAuth


class ComponentHealth(BaseModel):
    status: Literal["healthy", "unhealthy"]
    response_time_ms: float
    backend: str | None = None


class SystemHealth(BaseModel):
    status: Literal["healthy", "degraded"]
    timestamp: Timestamp
    components: dict[str, ComponentHealth]


class SecurityEventOut(BaseModel):
    id: str
    event_type: str
    user_id: str | None = None
    client_id: str | None = None
    ip_address: str | None = None
    user_agent: str | None = None
    details: dict[str, Any] | None = None
    severity: str
    timestamp: Timestamp


class SecurityEventList(BaseModel):
    events: list[SecurityEventOut]
    total: int
    page: int
    per_page: int


class AuditActivityOut(BaseModel):
    id: str
    user_id: str | None = None
    action: str
    resource_type: str
    resource_id: str | None = None
    details: dict[str, Any] | None = None
    ip_address: str | None = None
    timestamp: Timestamp


class AuditActivityList(BaseModel):
    activities: list[AuditActivityOut]
    total: int
    page: int
    per_page: int


class MaintenanceOperation(BaseModel):
    operation: str
    items_removed: int


class MaintenanceResult(BaseModel):
    timestamp: Timestamp
    operations: list[MaintenanceOperation]


class ReportPeriod(BaseModel):
    days: int
    start: Timestamp
    end: Timestamp


class UsageUserActivity(BaseModel):
    new_users: int
    active_users: int


class UsageAuthentication(BaseModel):
    successful_logins: int
    failed_logins: int
    sessions_created: int


class UsageServiceClients(BaseModel):
    total: int
    active: int
    used: int


class UsageReport(BaseModel):
    report_period: ReportPeriod
    user_activity: UsageUserActivity
    authentication: UsageAuthentication
    service_clients: UsageServiceClients
    security: dict[str, int]


class ConfigReload(BaseModel):
    timestamp: Timestamp
    status: str
    components_reloaded: list[str]
    warnings: list[str]
    errors: list[str]


class LogEntry(BaseModel):
    timestamp: Timestamp
    level: str
    logger: str
    message: str


class ErrorLogList(BaseModel):
    logs: list[LogEntry]
    total: int
    page: int
    per_page: int
    available_levels: list[str]
