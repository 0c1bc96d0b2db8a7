"""Robot keyword library for the transport-security checks of the infrastructure suite.

Looks at a deployment from the outside, as a browser would: the certificate an HTTPS endpoint
presents (is it trusted, does it name the host, how long is it still valid) and what the plain
HTTP port answers (a redirect to HTTPS, or nothing at all). Only the Python standard library and
``cryptography`` (already a dependency through PyJWT[crypto]) are used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.x509.oid import ExtensionOID, NameOID
from robot.api import logger
from robot.api.deco import keyword, library

REDIRECT_STATUSES = (301, 308)


@dataclass
class CertificateInfo:
    """What an HTTPS endpoint presented, and whether it is trusted for the host."""

    host: str
    port: int
    subject_common_name: str | None
    dns_names: list[str]
    ip_addresses: list[str]
    not_before: str
    not_after: str
    days_remaining: float
    trusted: bool
    verification_error: str | None


@dataclass
class PlainHttpAnswer:
    """What a plain-HTTP endpoint answered; ``status`` is None when nothing answered."""

    url: str
    status: int | None
    location: str | None
    error: str | None


def _split_url(url: str, default_scheme: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url if "://" in url else f"{default_scheme}://{url}")
    scheme = parts.scheme.lower()
    if not parts.hostname:
        raise ValueError(f"URL '{url}' names no host.")
    port = parts.port or (443 if scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path = f"{path}?{parts.query}"
    return scheme, parts.hostname, port, path


def _hostname_matches(host: str, dns_names: list[str], ip_addresses: list[str]) -> bool:
    """RFC 6125 matching: exact names, or one left-most ``*`` label; IPs only against IP SANs."""
    try:
        wanted_ip = ipaddress.ip_address(host)
    except ValueError:
        wanted_ip = None
    if wanted_ip is not None:
        return any(ipaddress.ip_address(ip) == wanted_ip for ip in ip_addresses)
    host = host.lower().rstrip(".")
    for name in dns_names:
        name = name.lower().rstrip(".")
        if name == host:
            return True
        if name.startswith("*.") and "." in host:
            if host.split(".", 1)[1] == name[2:]:
                return True
    return False


@library(scope="GLOBAL", auto_keywords=False)
class TlsInspector:
    """Checks certificates and the HTTP-to-HTTPS redirect of a deployment.

    All keywords take full URLs (``https://auth.example.com``, ``http://auth.example.com``). A
    ``ca_file`` (PEM) adds trust anchors, for deployments with a private CA or a self-signed
    certificate; without one the system trust store is used.
    """

    def __init__(self, timeout: float = 10.0):
        self.timeout = timeout

    # -- fetching -------------------------------------------------------------------------------

    @keyword
    def get_certificate_info(self, url: str, ca_file: str | None = None) -> dict:
        """Connects to the HTTPS ``url`` and returns what its certificate says.

        The result is a dictionary with ``host``, ``port``, ``subject_common_name``,
        ``dns_names``, ``ip_addresses``, ``not_before``, ``not_after`` (ISO-8601, UTC),
        ``days_remaining``, ``trusted`` (chain and host name verified against ``ca_file`` or the
        system store) and ``verification_error`` (why not, or None).

        Fails when nothing answers with TLS at the address.
        """
        _, host, port, _ = _split_url(url, "https")
        der = self._peer_certificate(host, port)
        trusted, error = self._verify(host, port, ca_file)
        cert = x509.load_der_x509_certificate(der)
        try:
            san = cert.extensions.get_extension_for_oid(
                ExtensionOID.SUBJECT_ALTERNATIVE_NAME
            ).value
            dns_names = san.get_values_for_type(x509.DNSName)
            ip_addresses = [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
        except x509.ExtensionNotFound:
            dns_names, ip_addresses = [], []
        common_names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        not_after = cert.not_valid_after_utc
        remaining = (not_after - datetime.now(timezone.utc)).total_seconds() / 86400
        info = CertificateInfo(
            host=host,
            port=port,
            subject_common_name=str(common_names[0].value) if common_names else None,
            dns_names=list(dns_names),
            ip_addresses=ip_addresses,
            not_before=cert.not_valid_before_utc.isoformat(),
            not_after=not_after.isoformat(),
            days_remaining=round(remaining, 2),
            trusted=trusted,
            verification_error=error,
        )
        logger.info(
            f"Certificate of {host}:{port}: CN={info.subject_common_name}, "
            f"SAN DNS={info.dns_names}, SAN IP={info.ip_addresses}, valid until "
            f"{info.not_after} ({info.days_remaining} days), trusted={trusted}"
        )
        return asdict(info)

    def _verify(self, host: str, port: int, ca_file: str | None) -> tuple[bool, str | None]:
        context = ssl.create_default_context()
        if ca_file:
            context.load_verify_locations(cafile=ca_file)
        try:
            with socket.create_connection((host, port), timeout=self.timeout) as raw:
                with context.wrap_socket(raw, server_hostname=host):
                    return True, None
        except ssl.SSLCertVerificationError as error:
            return False, error.verify_message or str(error)
        except ssl.SSLError as error:
            return False, f"TLS handshake failed: {error.reason or error}"
        except OSError as error:
            return False, f"connection failed: {error}"

    def _peer_certificate(self, host: str, port: int) -> bytes:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        try:
            with socket.create_connection((host, port), timeout=self.timeout) as raw:
                with context.wrap_socket(raw, server_hostname=host) as tls:
                    der = tls.getpeercert(binary_form=True)
        except (OSError, ssl.SSLError) as error:
            raise AssertionError(
                f"No TLS endpoint answers at {host}:{port}: {error}"
            ) from error
        if not der:
            raise AssertionError(f"The TLS endpoint at {host}:{port} presented no certificate.")
        return der

    # -- assertions -----------------------------------------------------------------------------

    @keyword
    def certificate_should_be_valid_for_host(
        self, url: str, ca_file: str | None = None, verify_chain: bool = True
    ) -> None:
        """Fails unless the certificate at ``url`` is currently valid and names the URL's host.

        With ``verify_chain`` (default) the chain must also verify against ``ca_file`` or the
        system trust store. Without it only the validity period and the host name (SAN, RFC
        6125 matching) are checked: for deployments whose CA the test machine does not have.
        """
        info = self.get_certificate_info(url, ca_file)
        host = info["host"]
        if verify_chain and not info["trusted"]:
            raise AssertionError(
                f"The certificate of {host}:{info['port']} is not trusted: "
                f"{info['verification_error']}"
                + ("" if ca_file else " (set TEST_SSL_CERT_PATH for a private CA)")
            )
        if not _hostname_matches(host, info["dns_names"], info["ip_addresses"]):
            raise AssertionError(
                f"The certificate of {host}:{info['port']} does not name the host '{host}': "
                f"it covers DNS {info['dns_names']} and IP {info['ip_addresses']}"
            )
        now = datetime.now(timezone.utc)
        if datetime.fromisoformat(info["not_before"]) > now:
            raise AssertionError(
                f"The certificate of {host}:{info['port']} is not valid yet: "
                f"valid from {info['not_before']}"
            )
        if info["days_remaining"] <= 0:
            raise AssertionError(
                f"The certificate of {host}:{info['port']} expired on {info['not_after']}"
            )

    @keyword
    def certificate_should_not_expire_within(
        self, url: str, days: int = 14, ca_file: str | None = None
    ) -> None:
        """Fails when the certificate at ``url`` expires within ``days`` days from now."""
        info = self.get_certificate_info(url, ca_file)
        if info["days_remaining"] < days:
            raise AssertionError(
                f"The certificate of {info['host']}:{info['port']} expires on "
                f"{info['not_after']}, in {info['days_remaining']} days: less than the "
                f"required {days} days"
            )

    # -- plain HTTP -----------------------------------------------------------------------------

    @keyword
    def get_plain_http_answer(self, url: str) -> dict:
        """Sends ``GET`` to the plain-HTTP ``url`` without following redirects.

        Returns ``url``, ``status`` (None when nothing answered: connection refused, reset or
        timed out), ``location`` and ``error``.
        """
        scheme, host, port, path = _split_url(url, "http")
        if scheme != "http":
            raise ValueError(f"'{url}' is not a plain http:// URL.")
        connection = http.client.HTTPConnection(host, port, timeout=self.timeout)
        try:
            connection.request("GET", path, headers={"Host": host, "Connection": "close"})
            response = connection.getresponse()
            answer = PlainHttpAnswer(url, response.status, response.getheader("Location"), None)
        except (OSError, http.client.HTTPException) as error:
            answer = PlainHttpAnswer(url, None, None, f"{type(error).__name__}: {error}")
        finally:
            connection.close()
        logger.info(f"Plain HTTP {url}: status={answer.status}, location={answer.location}, "
                    f"error={answer.error}")
        return asdict(answer)

    @keyword
    def plain_http_should_redirect_to_https(self, url: str) -> str:
        """Fails unless the plain-HTTP ``url`` redirects (301/308) to an https:// location or
        does not answer at all. Returns a short description of what happened."""
        answer = self.get_plain_http_answer(url)
        status, location = answer["status"], answer["location"]
        if status is None:
            return f"Plain HTTP at {url} does not answer ({answer['error']})"
        if status not in REDIRECT_STATUSES:
            raise AssertionError(
                f"Plain HTTP at {url} answered {status} instead of a 301/308 redirect to HTTPS "
                "(or no answer at all)"
            )
        if not location or not location.lower().startswith("https://"):
            raise AssertionError(
                f"Plain HTTP at {url} redirected with {status} to '{location}', "
                "which is not an https:// URL"
            )
        return f"Plain HTTP at {url} redirects with {status} to {location}"
