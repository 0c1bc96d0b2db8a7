"""Search the output files of a Robot Framework run for secrets (not a keyword library).

Shared by ``libraries/tests/test_secret_redaction.py`` (leaks provoked on purpose) and
``tools/checks/hygiene.py`` (real acceptance runs):

- :func:`output_texts` reads every file of an output folder as text; ``log.html`` and
  ``report.html`` embed most text as base64+zlib strings in ``window.output["strings"]``,
  which are decoded first so the search sees what a browser shows;
- :func:`encoded_forms` gives a secret raw and in every encoding (and encoding of an
  encoding) it takes in a log: URL, form, JSON, Python repr, HTML;
- :func:`find_leaks` names every known secret (in any of those forms), every JWT-shaped
  string and every argon2 or bcrypt password hash found in those texts.
"""

from __future__ import annotations

import base64
import html
import json
import re
import zlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote, quote_plus

JWT_PATTERN = re.compile(r"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}")
# Password hashes as stored by a server: argon2 (PHC string) and bcrypt ($2a$/$2b$/$2y$).
HASH_PATTERNS = {
    "argon2 hash": re.compile(r"\$argon2(?:id|i|d)\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+"),
    "bcrypt hash": re.compile(r"\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}"),
}
STRINGS_PATTERN = re.compile(
    r'window\.output\["strings"\]\s*=\s*window\.output\["strings"\]\.concat\((\[.*?\])\);', re.S
)

_ENCODINGS: dict[str, Callable[[str], str]] = {
    "URL-encoded": lambda text: quote(text, safe=""),
    "form-encoded": quote_plus,
    "JSON": lambda text: json.dumps(text)[1:-1],
    "repr": lambda text: repr(text)[1:-1],
    "HTML": html.escape,
}


def decoded_html_strings(text: str) -> list[str]:
    """The strings Robot embeds in log.html/report.html: '*' = raw, others base64+zlib."""
    decoded = []
    for array in STRINGS_PATTERN.findall(text):
        # Robot's JS string escaping is JSON's plus "\x3c" for "<" (in "</").
        for item in json.loads(array.replace("\\x3c", "\\u003c")):
            if item.startswith("*"):
                decoded.append(item[1:])
            elif item:
                decoded.append(zlib.decompress(base64.b64decode(item)).decode("utf-8"))
    return decoded


def output_texts(outdir: Path, console: str | None = None) -> dict[str, str]:
    """Every file below ``outdir`` by relative name, HTML files also with their embedded
    strings decoded (``"log.html (decoded strings)"``); ``console`` as ``"console"``.

    Raises ValueError when an HTML file has no embedded strings to decode: the search would
    then miss what a browser shows.
    """
    texts = {} if console is None else {"console": console}
    for path in sorted(outdir.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        name = str(path.relative_to(outdir))
        texts[name] = text
        if path.suffix == ".html":
            strings = decoded_html_strings(text)
            if not strings:
                raise ValueError(f"{name}: found no embedded strings to decode")
            texts[name + " (decoded strings)"] = "\n".join(strings)
    return texts


def encoded_forms(value: str) -> dict[str, str]:
    """The secret raw, in each encoding, and in each encoding of an encoding."""
    forms = {"raw": value}
    for name, encode in _ENCODINGS.items():
        forms[name] = encode(value)
        for outer, encode_again in _ENCODINGS.items():
            forms[f"{name} in {outer}"] = encode_again(encode(value))
    return forms


def find_leaks(texts: dict[str, str], secrets: dict[str, str]) -> list[str]:
    """``source: NAME (form)`` for each known secret found, ``source: JWT-shaped …`` and
    ``source: argon2 hash …`` for each token or password hash; empty when clean."""
    found = []
    for source, text in texts.items():
        # XML and HTML escape '&', '<', '>' (and sometimes '"'): search the unescaped text too.
        views = (text, html.unescape(text))
        for name, value in secrets.items():
            for form, variant in encoded_forms(value).items():
                if any(variant in view for view in views):
                    found.append(f"{source}: {name} ({form})")
                    break
        for match in sorted(set(JWT_PATTERN.findall(text))):
            found.append(f"{source}: JWT-shaped {match[:12]}…")
        for kind, pattern in HASH_PATTERNS.items():
            for match in sorted({hit for view in views for hit in pattern.findall(view)}):
                found.append(f"{source}: {kind} {match[:14]}…")
    return found
