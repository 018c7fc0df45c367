"""Hostile request targets and Host headers against a real preview, sent over raw sockets.

A raw socket keeps every byte as written: http.client and browsers would normalise ``..`` or
re-encode characters before the server ever saw them. A secret file lies just outside the site
folder, and a symlink inside the site points to it; no answer may contain it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from generator.serve import Preview

SECRET = b"EB-TRAVERSAL-SECRET-93d1"


@pytest.fixture
def target(preview: Preview) -> Iterator[Preview]:
    (preview.folder / "secret.txt").write_bytes(SECRET + b"\n")
    (preview.site_dir / "leak.txt").symlink_to(preview.folder / "secret.txt")
    (preview.site_dir / "leak-dir").symlink_to(preview.folder)
    yield preview


def _raw(preview: Preview, request: bytes) -> tuple[int, bytes]:
    """Send ``request`` as is; the status code and the whole answer."""
    with socket.create_connection((preview.host, preview.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    answer = b"".join(chunks)
    assert answer.startswith(b"HTTP/1."), answer[:80]
    return int(answer.split(b" ", 2)[1]), answer


def _get(preview: Preview, path: str, host: str | None = None) -> tuple[int, bytes]:
    host_line = b"" if host == "" else f"Host: {host or f'127.0.0.1:{preview.port}'}\r\n".encode("latin-1")
    return _raw(preview, b"GET " + path.encode("latin-1") + b" HTTP/1.1\r\n" + host_line
                + b"Connection: close\r\n\r\n")


def _attacks(mount: str, port: int) -> list[str]:
    up = mount.count("/") - 1  # how many ".." lead from the mount to the folder holding the secret
    dots = "../" * (up + 1)
    return [
        f"{mount}../secret.txt", f"{mount}{dots}secret.txt", f"{mount}studies/../../secret.txt",
        f"{mount}%2e%2e/secret.txt", f"{mount}%2E%2E/secret.txt", f"{mount}.%2e/secret.txt",
        f"{mount}%2e%2e%2fsecret.txt", f"{mount}studies%2F..%2F..%2Fsecret.txt",
        f"{mount}%252e%252e/secret.txt", f"{mount}%252e%252e%252fsecret.txt", f"{mount}%25252e%25252e/secret.txt",
        f"{mount}..\\secret.txt", f"{mount}studies\\..\\..\\secret.txt", f"{mount}..%5csecret.txt",
        f"{mount}..%5Csecret.txt", "/..", "/../", "/%2e%2e/", "//secret.txt", "///etc/passwd", "//../secret.txt",
        "/etc/passwd", f"{mount}/etc/passwd", f"{mount}//etc/passwd", "secret.txt", "*", "../secret.txt",
        f"http://127.0.0.1:{port}{mount}../secret.txt", f"http://evil.example{mount}leak.txt",
        "file:///etc/passwd", f"{mount}leak.txt", f"{mount}leak-dir/secret.txt",
        f"{mount}secret.txt%00.html", f"{mount}%00", f"{mount}index.html%00", f"{mount}..%00/secret.txt",
        f"{mount}%ff%fe/secret.txt", f"{mount}%c0%ae%c0%ae/secret.txt", f"{mount}..;/secret.txt",
        f"{mount}.%2E/.%2E/secret.txt", f"{mount}..%2f", f"{mount}./../secret.txt",
        f"{mount}" + "a" * 300, f"{mount}" + "a/" * 1100 + "x", f"{mount}" + "%2e%2e/" * 400 + "secret.txt",
    ]


def test_every_traversal_attempt_is_refused(target: Preview) -> None:
    mount = target.mount()
    attacks = _attacks(mount, target.port)
    for attack in attacks:
        status, answer = _get(target, attack)
        assert status in (400, 403, 404, 414), (attack, status)
        assert SECRET not in answer, attack
    status, answer = _get(target, mount + "index.html")  # the same requests do reach the site
    assert status == 200 and answer.rstrip().endswith(b"</html>")


def test_a_request_line_beyond_any_limit_is_refused(target: Preview) -> None:
    status, answer = _get(target, target.mount() + "../" * 30_000 + "secret.txt")
    assert status in (400, 414) and SECRET not in answer


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", "localhost.evil.example",
                                  "localhost@evil.example", "localhost/../", "local host", "[::1", "-", ""])
def test_host_headers_not_naming_this_machine_are_refused(target: Preview, host: str) -> None:
    status, answer = _get(target, target.mount(), host=host)
    assert status == 400 and b"<html" not in answer.lower()


def test_two_host_headers_are_refused(target: Preview) -> None:
    status, _ = _raw(target, f"GET {target.mount()} HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n"
                             "Connection: close\r\n\r\n".encode())
    assert status == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:{port}", "localhost", "LOCALHOST:{port}", "[::1]:{port}",
                                  "preview.localhost:{port}", "127.1.2.3"])
def test_host_headers_naming_this_machine_are_served(target: Preview, host: str) -> None:
    status, answer = _get(target, target.mount(), host=host.format(port=target.port))
    assert status == 200 and answer.rstrip().endswith(b"</html>")


def test_http_1_0_without_host_is_served(target: Preview) -> None:
    status, _ = _raw(target, f"GET {target.mount()} HTTP/1.0\r\n\r\n".encode())
    assert status == 200
