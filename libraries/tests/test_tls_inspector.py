"""TlsInspector against local servers: a TLS server with a self-signed certificate made here
with ``cryptography``, and plain-HTTP servers that redirect, answer 200, or are not there."""

from __future__ import annotations

import http.server
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from ipaddress import ip_address
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from TlsInspector import TlsInspector, _hostname_matches


def _self_signed(
    directory: Path, name: str, valid_days: float, dns: list[str], with_ip: bool = True
) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dns[0])])
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=valid_days))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(d) for d in dns]
                + ([x509.IPAddress(ip_address("127.0.0.1"))] if with_ip else [])
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path = directory / f"{name}.crt"
    key_path = directory / f"{name}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class _Handler(http.server.BaseHTTPRequestHandler):
    status = 200
    location: str | None = None

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self.send_response(self.status)
        if self.location:
            self.send_header("Location", self.location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _serve(handler: type, context: ssl.SSLContext | None = None) -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if context is not None:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _tls_server(cert: Path, key: Path) -> Iterator[int]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    yield from _serve(_Handler, context)


@pytest.fixture()
def good_cert(tmp_path: Path) -> tuple[Path, Path]:
    return _self_signed(tmp_path, "good", 365, ["localhost"])


@pytest.fixture()
def tls_port(good_cert: tuple[Path, Path]) -> Iterator[int]:
    yield from _tls_server(*good_cert)


@pytest.fixture()
def expiring_tls_port(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    cert, key = _self_signed(tmp_path, "soon", 5, ["localhost"])
    for port in _tls_server(cert, key):
        yield port, cert


def _plain_server(status: int, location: str | None) -> Iterator[int]:
    handler = type("H", (_Handler,), {"status": status, "location": location})
    yield from _serve(handler)


@pytest.fixture()
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_certificate_info_describes_the_presented_certificate(tls_port, good_cert):
    info = TlsInspector().get_certificate_info(f"https://localhost:{tls_port}", str(good_cert[0]))
    assert info["trusted"] is True
    assert info["verification_error"] is None
    assert info["subject_common_name"] == "localhost"
    assert info["dns_names"] == ["localhost"]
    assert info["ip_addresses"] == ["127.0.0.1"]
    assert 364 < info["days_remaining"] <= 365


def test_self_signed_certificate_is_untrusted_without_its_ca(tls_port):
    inspector = TlsInspector()
    info = inspector.get_certificate_info(f"https://localhost:{tls_port}")
    assert info["trusted"] is False
    assert "self" in info["verification_error"].lower()
    with pytest.raises(AssertionError, match="not trusted.*TEST_SSL_CERT_PATH"):
        inspector.certificate_should_be_valid_for_host(f"https://localhost:{tls_port}")


def test_certificate_valid_for_host_with_its_ca(tls_port, good_cert):
    TlsInspector().certificate_should_be_valid_for_host(
        f"https://localhost:{tls_port}", str(good_cert[0])
    )


def test_certificate_for_other_host_fails_even_without_chain_check(tmp_path):
    cert, key = _self_signed(tmp_path, "named", 365, ["localhost"], with_ip=False)
    for port in _tls_server(cert, key):
        inspector = TlsInspector()
        inspector.certificate_should_be_valid_for_host(
            f"https://localhost:{port}", verify_chain=False
        )
        with pytest.raises(AssertionError, match="does not name the host '127.0.0.1'"):
            inspector.certificate_should_be_valid_for_host(
                f"https://127.0.0.1:{port}", verify_chain=False
            )
        with pytest.raises(AssertionError, match="not trusted.*not valid for .127.0.0.1."):
            inspector.certificate_should_be_valid_for_host(f"https://127.0.0.1:{port}", str(cert))


def test_expiry_window(expiring_tls_port, tls_port):
    port, cert = expiring_tls_port
    inspector = TlsInspector()
    with pytest.raises(AssertionError, match="less than the required 14 days"):
        inspector.certificate_should_not_expire_within(f"https://localhost:{port}", 14, str(cert))
    inspector.certificate_should_not_expire_within(f"https://localhost:{port}", 3, str(cert))
    inspector.certificate_should_not_expire_within(f"https://localhost:{tls_port}", 14)


def test_no_tls_endpoint_fails_clearly(free_port):
    with pytest.raises(AssertionError, match="No TLS endpoint answers"):
        TlsInspector(timeout=2).get_certificate_info(f"https://127.0.0.1:{free_port}")


@pytest.mark.parametrize("status", [301, 308])
def test_redirect_to_https_passes(status):
    for port in _plain_server(status, "https://localhost/health"):
        message = TlsInspector().plain_http_should_redirect_to_https(f"http://127.0.0.1:{port}/")
        assert f"redirects with {status}" in message


def test_no_answer_on_plain_http_passes(free_port):
    message = TlsInspector(timeout=2).plain_http_should_redirect_to_https(
        f"http://127.0.0.1:{free_port}/"
    )
    assert "does not answer" in message


@pytest.mark.parametrize(
    ("status", "location", "error"),
    [
        (200, None, "answered 200 instead of a 301/308"),
        (302, "https://localhost/", "answered 302 instead"),
        (301, "http://localhost/", "not an https:// URL"),
    ],
)
def test_plain_http_without_proper_redirect_fails(status, location, error):
    for port in _plain_server(status, location):
        with pytest.raises(AssertionError, match=error):
            TlsInspector().plain_http_should_redirect_to_https(f"http://127.0.0.1:{port}/")


def test_hostname_matching_rules():
    assert _hostname_matches("auth.example.com", ["*.example.com"], [])
    assert not _hostname_matches("a.b.example.com", ["*.example.com"], [])
    assert not _hostname_matches("example.com", ["*.example.com"], [])
    assert _hostname_matches("Auth.Example.com.", ["auth.example.com"], [])
    assert _hostname_matches("127.0.0.1", ["localhost"], ["127.0.0.1"])
    assert not _hostname_matches("127.0.0.1", ["127.0.0.1"], [])
