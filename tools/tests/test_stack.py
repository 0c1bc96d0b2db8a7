"""The container stack's parts that need no Docker engine, and the runner's two-run plumbing.

The stack itself is started for real by the project tests' stage "acceptance suites (container
stack)" (``run-acceptance.sh --stack docker``): every suite against it, faults included.
"""

from __future__ import annotations

import io
import ipaddress
import json
import re
import ssl
import tarfile
from pathlib import Path

import pytest
from cryptography import x509
from robot import run as robot_run
from robot.api import ExecutionResult, TestSuiteBuilder


from tools.run import acceptance as run_acceptance
from tools.run.result_merge import graft_results
from tools.run.keep_tagged import KeepTagged
from tools.infra.stack import stack
from tools.infra.stack.base_image import Accounts, root_archive
from tools.infra.stack.certificates import make_tls_material
from tools.infra.stack.nginx_config import OWN_ERRORS, nginx_conf


def test_certificate_names_every_host_and_chains_to_the_ca(tmp_path: Path) -> None:
    material = make_tls_material(tmp_path, ("localhost", "127.0.0.1", "permiso-nginx-prod"))
    server = x509.load_pem_x509_certificates(material.certificate_path.read_bytes())[0]
    names = server.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost", "permiso-nginx-prod"]
    assert names.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("127.0.0.1")]
    context = ssl.create_default_context(cafile=str(material.ca_path))
    context.load_cert_chain(material.certificate_path, material.key_path)  # key matches the certificate
    assert material.key_path.stat().st_mode & 0o077 == 0


def test_image_root_gives_each_writer_its_directory() -> None:
    accounts = Accounts(postgres_uid=101, postgres_gid=104)
    with tarfile.open(fileobj=io.BytesIO(root_archive(accounts))) as tar:
        members = {member.name: member for member in tar.getmembers()}
        passwd = tar.extractfile("etc/passwd").read().decode()
    assert "postgres:x:101:104:" in passwd and "nobody:x:65534:65534:" in passwd
    assert (members["var/lib/postgresql"].uid, members["var/lib/postgresql"].mode) == (101, 0o700)
    assert members["data"].uid == 65534 and members["tmp"].mode == 0o1777
    assert members["lib"].issym() and members["lib"].linkname == "usr/lib"


def test_nginx_redirects_to_the_published_port_and_answers_its_errors_as_json() -> None:
    conf = nginx_conf("10.213.0.13:8000", 8443, "/etc/tls/server.pem", "/etc/tls/server.key")
    assert "return 301 https://$host:8443$request_uri;" in conf
    assert "server 10.213.0.13:8000;" in conf and "server_tokens off;" in conf
    bodies = re.findall(r"return (\d{3}) '(\{.*\})';", conf)
    assert sorted(int(status) for status, _ in bodies) == sorted(status for status, *_ in OWN_ERRORS)
    for _status, body in bodies:
        assert set(json.loads(body)) == {"error", "error_description"}
    assert "return 301 https://$host$request_uri;" in nginx_conf("a:1", 443, "c", "k")


def test_free_subnet_avoids_every_host_route(monkeypatch: pytest.MonkeyPatch) -> None:
    taken = [ipaddress.ip_network("10.213.0.0/22"), ipaddress.ip_network("192.0.2.0/24")]
    monkeypatch.setattr(stack, "host_networks", lambda: taken)
    subnet = stack.free_subnet()
    assert not any(subnet.overlaps(network) for network in taken)
    monkeypatch.setattr(stack, "host_networks", lambda: [ipaddress.ip_network("10.0.0.0/8")])
    with pytest.raises(stack.StackUnavailable, match="no free"):
        stack.free_subnet()


def test_app_container_gets_only_permiso_settings() -> None:
    values = run_acceptance.config.load({}, {})
    environment = run_acceptance.stack_app_environment("k" * 32, values)
    assert environment and all(name.startswith("PERMISO_") for name in environment)
    assert "PERMISO_DATABASE_URL" not in environment and environment["PERMISO_SECRET_KEY"] == "k" * 32


SUITES = {
    "plain.robot": "*** Test Cases ***\nOne\n    No Operation\nTwo\n    [Tags]    smoke\n    No Operation\n",
    "faults.robot": ("*** Test Cases ***\nBreak\n    [Tags]    dependency-faults\n    No Operation\n"
                     "Break Smoke\n    [Tags]    dependency-faults    smoke\n    No Operation\n"),
}


def _suites(tmp_path: Path) -> Path:
    folder = tmp_path / "suites"
    folder.mkdir()
    for name, text in SUITES.items():
        (folder / name).write_text(text)
    return folder


def test_keep_tagged_keeps_the_tagged_tests_within_the_users_selection(tmp_path: Path) -> None:
    suite = TestSuiteBuilder().build(str(_suites(tmp_path)))
    suite.visit(KeepTagged("dependency-faults"))
    assert [test.name for test in suite.all_tests] == ["Break", "Break Smoke"]
    assert [child.name for child in suite.suites] == ["Faults"]
    suite.configure(include_tags=["smoke"])
    assert [test.name for test in suite.all_tests] == ["Break Smoke"]


def test_graft_puts_the_second_run_back_at_its_place(tmp_path: Path) -> None:
    folder = _suites(tmp_path)
    options = {"name": "Root", "log": "NONE", "report": "NONE", "stdout": io.StringIO()}
    robot_run(str(folder), output=str(tmp_path / "main.xml"), exclude="dependency-faults", **options)
    robot_run(str(folder), output=str(tmp_path / "faults.xml"), include="dependency-faults", **options)
    assert graft_results(tmp_path / "main.xml", tmp_path / "faults.xml") == 2
    merged = ExecutionResult(str(tmp_path / "main.xml"))
    assert sorted(test.full_name for test in merged.suite.all_tests) == [
        "Root.Faults.Break", "Root.Faults.Break Smoke", "Root.Plain.One", "Root.Plain.Two"]
    assert all(not test.message for test in merged.suite.all_tests)
