"""Fetching URLs politely and safely, behind one interface: :class:`Fetcher`.

    fetcher = Fetcher(FetchConfig(contact="news-desk@example.org"))
    page = fetcher.fetch("https://outlet.example/2024/06/story.html")
    page.body, page.final_url, page.charset

Every request goes through httpx with a transport whose network backend resolves the host
itself, checks each address against the :class:`AddressPolicy` and connects to exactly the
address it checked. Redirects are followed here, hop by hop, each hop checked (scheme,
robots.txt, and the address when it connects). Answers are read as a stream, decompressed
here with a bound, and reading stops at the size limit.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

import httpcore
import httpx

from newsgraph.errors import BlockedAddress, FetchError, HttpStatusError, TooLargeInput
from newsgraph.ingest.fetch_rules import AddressPolicy, FetchConfig
from newsgraph.ingest.politeness import HostClock, retry_after_seconds
from newsgraph.ingest.robots import RobotsRules, RobotsStore
from newsgraph.ingest.urls import host_of

_ACCEPT = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/*;q=0.8, */*;q=0.5"
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend, resolving names here: every address a host resolves to
    is checked, and the socket is connected to a checked address, never to the name (a
    second resolution could answer differently: DNS rebinding)."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = self._resolve(host, port)
        for address in addresses:  # any refused address refuses the host: it is not ours
            self.policy.check(address, host)
        last_error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        assert last_error is not None
        raise last_error

    @staticmethod
    def _resolve(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        try:
            infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        found = [ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos]
        return list(dict.fromkeys(found))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise BlockedAddress(f"refused to connect to the Unix socket {path}")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with the :class:`GuardedBackend`. No proxy is used (a proxy
    resolves names itself, out of reach of the check)."""

    def __init__(self, policy: AddressPolicy) -> None:
        super().__init__(trust_env=False)
        # httpx offers no parameter for httpcore's network backend, so the pool it built is
        # replaced by one with ours (same TLS settings); httpx is pinned below 0.29.
        ssl_context = self._pool._ssl_context
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl_context, network_backend=GuardedBackend(policy)
        )


@dataclass(frozen=True)
class Validators:
    """What makes a request conditional: the last answer's ETag and Last-Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass
class Fetched:
    """An answer: 200 with its `body`, or 304 (`not_modified`, no body)."""

    url: str  # the URL asked for
    final_url: str  # where the redirects led
    status: int
    headers: httpx.Headers
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> Validators:
        return Validators(self.headers.get("etag"), self.headers.get("last-modified"))

    @property
    def content_type(self) -> str:
        return _content_type(self.headers)[0]

    @property
    def charset(self) -> str | None:
        return _content_type(self.headers)[1]


def _content_type(headers: httpx.Headers) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = headers.get("content-type", "")
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


@dataclass
class FetchStats:
    """What the fetcher sent and received (robots.txt included)."""

    requests: int = 0
    bytes_received: int = 0  # status lines, headers and bodies as they came (compressed)
    statuses: dict[int, int] = field(default_factory=dict)


class Fetcher:
    """Fetches URLs under a :class:`FetchConfig`: User-Agent with your contact, robots.txt,
    per-host delay, Retry-After, timeouts, redirect and size limits, address policy.

    `transport` replaces the network (tests); `robots_store` keeps robots.txt between
    runs; `sleep` and `clock` are time (tests replace them)."""

    def __init__(
        self,
        config: FetchConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        robots_store: RobotsStore | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.config = config or FetchConfig()
        self.stats = FetchStats()
        self.hosts = HostClock(self.config.host_delay, sleep, clock)
        self.robots = RobotsRules(self._fetch_robots, robots_store, clock)
        self._client = httpx.Client(
            transport=transport or GuardedTransport(self.config.policy()),
            headers={
                "User-Agent": self.config.user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=httpx.Timeout(self.config.read_timeout, connect=self.config.connect_timeout),
            follow_redirects=False,
            trust_env=False,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fetch(self, url: str, validators: Validators | None = None) -> Fetched:
        """The answer for `url` (a 304 when `validators` say it did not change). Raises a
        FetchError (BlockedAddress, RobotsDisallowed, HttpStatusError ...) or TooLargeInput;
        every message names the URL."""
        return self._follow(url, validators or Validators(), self.config.max_fetch_bytes, True)

    def _fetch_robots(self, robots_url: str) -> Fetched:
        return self._follow(robots_url, Validators(), 512 * 1024, False)

    def _follow(self, url: str, validators: Validators, limit: int, robots: bool) -> Fetched:
        current = url
        for _ in range(self.config.max_redirects + 1):
            try:
                answer = self._hop(current, validators, limit, robots)
            except BlockedAddress as exc:
                if current == url:
                    raise
                raise BlockedAddress(
                    f"refused to fetch {url}: it redirects to {current}, and {exc.reason}",
                    exc.reason,
                ) from exc
            if isinstance(answer, Fetched):
                answer.url = url
                return answer
            current = answer
        raise FetchError(f"{url}: more than {self.config.max_redirects} redirects")

    def _hop(self, url: str, validators: Validators, limit: int, robots: bool) -> Fetched | str:
        """One hop of a redirect chain, checked as a first URL is."""
        _check_scheme(url)
        if robots:
            self.robots.check(url)
        self.hosts.wait(host_of(url), self.robots.crawl_delay(url) if robots else None)
        return self._get(url, validators, limit)

    def _get(self, url: str, validators: Validators, limit: int) -> Fetched | str:
        """One request: the answer, or the URL a redirect points to."""
        try:
            with self._client.stream("GET", url, headers=validators.headers()) as response:
                self._count(response)
                return self._answer(url, response, limit)
        except BlockedAddress as exc:
            raise exc.for_url(url) from exc
        except httpx.TimeoutException as exc:
            raise FetchError(f"{url}: timed out ({type(exc).__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {exc or type(exc).__name__}") from exc
        finally:
            self.hosts.done(host_of(url))

    def _count(self, response: httpx.Response) -> None:
        self.stats.requests += 1
        self.stats.statuses[response.status_code] = (
            self.stats.statuses.get(response.status_code, 0) + 1
        )
        self.stats.bytes_received += (
            len(response.reason_phrase)
            + 15
            + sum(len(k) + len(v) + 4 for k, v in response.headers.raw)
        )

    def _answer(self, url: str, response: httpx.Response, limit: int) -> Fetched | str:
        status = response.status_code
        if status in _REDIRECTS and "location" in response.headers:
            return str(response.url.join(response.headers["location"]))
        if status == 304:
            return Fetched(url, url, status, response.headers)
        if status >= 400 or status not in range(200, 300):
            retry_after = retry_after_seconds(response.headers.get("retry-after"))
            if status in (429, 503):
                self.hosts.defer(host_of(url), retry_after)
            raise HttpStatusError(
                f"{url}: the server answered {status} {response.reason_phrase}".rstrip(),
                status,
                retry_after,
            )
        body = self._read(url, response, limit)
        return Fetched(url, url, status, response.headers, body)

    def _read(self, url: str, response: httpx.Response, limit: int) -> bytes:
        declared = response.headers.get("content-length", "")
        if (
            declared.isdigit()
            and int(declared) > limit
            and not response.headers.get("content-encoding")
        ):
            raise TooLargeInput(f"{url}: {int(declared):,} bytes, over the limit of {limit:,}")
        deadline = time.monotonic() + self.config.max_fetch_seconds
        chunks: list[bytes] = []
        size = 0
        for chunk in _decoded(response.iter_raw(), response.headers, limit, url):
            size += len(chunk)
            if size > limit:
                raise TooLargeInput(f"{url}: stopped reading at the limit of {limit:,} bytes")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchError(
                    f"{url}: not received whole in {self.config.max_fetch_seconds:g} s"
                )
        self.stats.bytes_received += response.num_bytes_downloaded
        return b"".join(chunks)


def _check_scheme(url: str) -> None:
    scheme = url.partition(":")[0].lower()
    if scheme not in ("http", "https"):
        reason = "only http and https URLs are fetched"
        raise BlockedAddress(f"refused to fetch {url}: {reason}", reason)


def _decoded(raw: Iterator[bytes], headers: httpx.Headers, limit: int, url: str) -> Iterator[bytes]:
    """The body's bytes, decompressed as they come, never more than `limit` + 1 at once
    (a small compressed answer can inflate a thousandfold)."""
    encodings = [e.strip().lower() for e in headers.get("content-encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    if not encodings:
        yield from raw
        return
    if len(encodings) > 1 or encodings[0] not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(f"{url}: unsupported Content-Encoding {', '.join(encodings)}")
    wbits = 16 + zlib.MAX_WBITS if encodings[0] != "deflate" else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        for chunk in raw:
            data = chunk
            while data:
                out = inflater.decompress(data, limit + 1)
                yield out
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt {encodings[0]} data ({exc})") from exc


__all__ = ["FetchStats", "Fetched", "Fetcher", "GuardedBackend", "GuardedTransport", "Validators"]
