"""A TCP proxy on loopback between a device and the real server that breaks connections on
purpose: the network a branch laptop meets. Test infrastructure — the client and the server
behind it are the real ones.

One HTTP request per connection (the client under test is given a transport without
keep-alive), so each connection is one request and a fault hits exactly one of them:
- "refuse":  closed as soon as it is accepted — the request never reaches the server;
- "lost":    the request is served (the server commits) and the answer is thrown away;
- "cut":     the answer is cut off part-way (a page of a pull half received);
- "slow":    bytes are forwarded after a delay (a slow link).
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from collections.abc import Callable

FAULTS = ("refuse", "lost", "cut")


class FaultProxy:
    """Forwards 127.0.0.1:<port> to `target_port`; `plan()` picks each connection's fate."""

    def __init__(self, target_port: int, *, seed: int = 0) -> None:
        self.target_port = target_port
        self.rng = random.Random(seed)
        self.fault_rate = 0.0
        self.faults: tuple[str, ...] = FAULTS
        self.delay = 0.0
        self.counts = {name: 0 for name in (*FAULTS, "ok")}
        self.plan: Callable[[], str] = self._random_plan
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._stopped = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _random_plan(self) -> str:
        if self.fault_rate and self.rng.random() < self.fault_rate:
            return self.rng.choice(self.faults)
        return "ok"

    def close(self) -> None:
        self._stopped = True
        self._server.close()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            fate = self.plan()
            self.counts[fate if fate in self.counts else "ok"] += 1
            threading.Thread(target=self._serve, args=(client, fate), daemon=True).start()

    def _serve(self, client: socket.socket, fate: str) -> None:
        with client:
            if fate == "refuse":
                _hard_close(client)
                return
            try:
                request = _read_message(client)
                if request is None:
                    return
                if self.delay:
                    time.sleep(self.delay)
                with socket.create_connection(("127.0.0.1", self.target_port), timeout=120) as upstream:
                    upstream.sendall(request)
                    answer = _read_message(upstream) or b""
                if fate == "lost":
                    _hard_close(client)
                elif fate == "cut":
                    client.sendall(answer[: max(1, len(answer) // 2)])
                    _hard_close(client)
                else:
                    client.sendall(answer)
            except OSError:
                pass  # the client gave up first: nothing to forward to


def _hard_close(sock: socket.socket) -> None:
    """Close with a reset, as a dropped link looks to the other end."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    sock.close()


def _read_message(sock: socket.socket) -> bytes | None:
    """One HTTP/1.1 message (headers and a Content-Length body), or None if the peer closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data if data else None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body
