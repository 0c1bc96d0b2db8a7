"""nginx's configuration for the stack: TLS termination in front of the application.

Port 443 serves HTTPS with the run's certificate, forwards to the application with the
client's address and scheme (``X-Forwarded-For``, ``X-Forwarded-Proto``) and demands HSTS;
port 80 answers every request with a 301 to the same path over HTTPS. Port 8081 on the
container's loopback answers the Docker health check only. nginx's own answers name no
version (``server_tokens off``) and leave body size limits to the application. What nginx
answers itself (a request it cannot parse, the application unreachable) is in the contract's
error shape with the contract's security headers, like every answer of the application.
"""

from __future__ import annotations

HSTS = "max-age=31536000; includeSubDomains"
# nginx's own error answers: (status, error code, description) (contract §1 error shape).
OWN_ERRORS = (
    (400, "invalid_request", "The request is malformed"),
    (413, "payload_too_large", "The request body is too large"),
    (414, "invalid_request", "The request line is too long"),
    (502, "service_unavailable", "The service is temporarily unavailable"),
    (503, "service_unavailable", "The service is temporarily unavailable"),
    (504, "service_unavailable", "The service is temporarily unavailable"),
)
# nginx's codes that answer as another status: 494 (header too large) as 400.
ALIASES = {400: (494,)}


def security_headers() -> str:
    """The ``add_header`` lines every answer of nginx's own carries (contract §1)."""
    return "\n".join(f'add_header {name} "{value}" always;' for name, value in (
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Cache-Control", "no-store"),
        ("Strict-Transport-Security", HSTS),
    )) + "\n"


def _own_error_locations() -> str:
    lines = []
    for status, code, description in OWN_ERRORS:
        codes = " ".join(str(c) for c in (status, *ALIASES.get(status, ())))
        body = f'{{"error":"{code}","error_description":"{description}"}}'
        # A URI, not a named location: nginx cannot redirect a request whose line it could
        # not parse to a named location ("empty URI in redirect").
        lines.append(f"        error_page {codes} /.permiso-errors/{status};")
        lines.append(f"        location = /.permiso-errors/{status} {{")
        lines.append("            internal;")
        lines.append("            default_type application/json;")
        lines.append("            include /etc/permiso-nginx/nginx/security_headers.conf;")
        lines.append(f"            return {status} '{body}';")
        lines.append("        }")
    return "\n".join(lines)


def nginx_conf(app_address: str, public_https_port: int, certificate: str, key: str) -> str:
    """The whole ``nginx.conf``. ``public_https_port`` is where clients reach port 443 (the
    redirect names it); ``certificate`` and ``key`` are paths inside the container."""
    redirect_port = "" if public_https_port == 443 else f":{public_https_port}"
    return f"""\
worker_processes 1;
pid /tmp/nginx.pid;
error_log stderr warn;
user nobody nogroup;

events {{
    worker_connections 1024;
}}

http {{
    server_tokens off;
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path /tmp/nginx-body;
    proxy_temp_path /tmp/nginx-proxy;
    fastcgi_temp_path /tmp/nginx-fastcgi;
    uwsgi_temp_path /tmp/nginx-uwsgi;
    scgi_temp_path /tmp/nginx-scgi;
    # Body limits are the application's business (it answers 413 in the contract's shape).
    client_max_body_size 16m;

    upstream permiso_app {{
        server {app_address};
        keepalive 32;
    }}

    server {{
        listen 80 default_server;
        server_name _;
        return 301 https://$host{redirect_port}$request_uri;
    }}

    server {{
        listen 443 ssl default_server;
        server_name _;
        ssl_certificate {certificate};
        ssl_certificate_key {key};
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_session_cache shared:permiso:1m;
{_own_error_locations()}

        location / {{
            proxy_pass http://permiso_app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto https;
            proxy_read_timeout 60s;
            proxy_hide_header Strict-Transport-Security;
            add_header Strict-Transport-Security "{HSTS}" always;
        }}
    }}

    server {{
        listen 127.0.0.1:8081;
        location / {{
            return 200 "ok\\n";
        }}
    }}
}}
"""
