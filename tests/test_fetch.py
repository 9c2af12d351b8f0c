"""Fetching: the address rules (by default, after resolution, on every redirect hop, and
not fooled by a second resolution), robots.txt, redirects, limits, conditional requests,
Retry-After, the User-Agent. Every request goes to a server the test starts on 127.0.0.1."""

from __future__ import annotations

import gzip
import ipaddress
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from web_server import allow_robots, fetcher, paths
from werkzeug import Request, Response

from newsgraph.errors import (
    BlockedAddress,
    FetchError,
    HttpStatusError,
    RobotsDisallowed,
    TooLargeInput,
)
from newsgraph.ingest.fetch import Fetcher, Validators
from newsgraph.ingest.fetch_rules import AddressPolicy, FetchConfig, address_rule
from newsgraph.ingest.politeness import HostClock, retry_after_seconds
from newsgraph.ingest.robots import CachedRobots


@pytest.mark.parametrize(
    ("address", "rule"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not globally reachable"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fd00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("93.184.215.14", None),
        ("2a00:1450:4001:80b::200e", None),
    ],
)
def test_address_rule_names_what_refuses_an_address(address: str, rule: str | None) -> None:
    assert address_rule(ipaddress.ip_address(address)) == rule


def test_address_policy_allows_named_networks_only() -> None:
    policy = FetchConfig(allowed_networks=("10.1.0.0/16",)).policy()
    policy.check(ipaddress.ip_address("10.1.2.3"), "intranet.example")
    with pytest.raises(BlockedAddress, match=r"intranet.example resolves to 10.2.0.1, a private"):
        policy.check(ipaddress.ip_address("10.2.0.1"), "intranet.example")
    AddressPolicy(allow_private=True).check(ipaddress.ip_address("127.0.0.1"), "localhost")


def test_fetch_refuses_loopback_by_default_and_names_the_rule(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/story").respond_with_data("<html>story</html>")
    with Fetcher(FetchConfig(host_delay=0)) as plain, pytest.raises(BlockedAddress) as refused:
        plain.fetch(server.url_for("/story"))
    message = refused.value.message
    assert message.startswith(f"refused to fetch {server.url_for('/story')}: 127.0.0.1 is a")
    assert "rule: no loopback addresses" in message and "--allow-private-addresses" in message
    assert paths(server) == []  # refused before any connection


def test_fetch_allows_private_addresses_with_the_flag(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/story").respond_with_data("<html>story</html>")
    with Fetcher(FetchConfig(host_delay=0, allow_private_addresses=True)) as allowed:
        assert allowed.fetch(server.url_for("/story")).body == b"<html>story</html>"


def test_a_name_is_checked_after_resolution(server: HTTPServer) -> None:
    allow_robots(server)
    url = f"http://localhost:{server.port}/story"
    with Fetcher(FetchConfig(host_delay=0)) as plain, pytest.raises(BlockedAddress) as refused:
        plain.fetch(url)
    assert "localhost resolves to" in refused.value.message
    assert "loopback" in refused.value.message


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://127.0.0.2:{port}/inside", "127.0.0.2 is a loopback address"),
        ("http://[::1]:{port}/inside", "::1 is a loopback address"),
        ("file:///etc/passwd", "only http and https URLs are fetched"),
    ],
)
def test_a_redirect_hop_to_a_refused_address_is_refused(
    server: HTTPServer, location: str, reason: str
) -> None:
    allow_robots(server)
    target = location.format(port=server.port)
    server.expect_request("/out").respond_with_data("", 302, {"Location": target})
    with fetcher() as local, pytest.raises(BlockedAddress) as refused:
        local.fetch(server.url_for("/out"))
    message = refused.value.message
    assert message.startswith(f"refused to fetch {server.url_for('/out')}: it redirects to ")
    assert f", and {reason}" in message
    assert paths(server) == ["/robots.txt", "/out"]


class AllowAll:
    """A robots.txt store that already holds an allow-all robots.txt for every host."""

    def load_robots(self, host: str) -> CachedRobots:
        return CachedRobots(200, "User-agent: *\nAllow: /\n", time.time())

    def save_robots(self, host: str, robots: CachedRobots) -> None:
        raise AssertionError("robots.txt was fetched")


def test_the_backend_connects_to_the_address_it_checked(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers an allowed address when checked and another one
    when asked again must be connected to at the address checked."""
    server.expect_request("/story").respond_with_data("<html>the story</html>")
    answers = iter(["127.0.0.1", "127.0.0.2", "127.0.0.2"])
    real = socket.getaddrinfo
    asked: list[str] = []

    def rebinding(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "rebind.test":
            asked.append(host)
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    config = FetchConfig(host_delay=0, allowed_networks=("127.0.0.1/32",))  # not 127.0.0.2
    with Fetcher(config, robots_store=AllowAll()) as local:
        answer = local.fetch(f"http://rebind.test:{server.port}/story")
    assert answer.body == b"<html>the story</html>"
    assert asked == ["rebind.test"]  # resolved once: checked, then connected to
    assert server.log[-1][0].headers["Host"] == f"rebind.test:{server.port}"


def test_a_name_with_any_refused_address_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    real = socket.getaddrinfo

    def mixed(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "mixed.test":
            return real("93.184.215.14", port, *args, **kwargs) + real("127.0.0.2", port)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    with Fetcher(FetchConfig(host_delay=0)) as plain, pytest.raises(BlockedAddress) as refused:
        plain.fetch("http://mixed.test:9/story")
    assert "mixed.test resolves to 127.0.0.2, a loopback address" in refused.value.message


def test_redirects_are_followed_up_to_the_limit(server: HTTPServer) -> None:
    allow_robots(server)
    for hop in range(4):
        server.expect_request(f"/r{hop}").respond_with_data("", 301, {"Location": f"/r{hop + 1}"})
    server.expect_request("/r4").respond_with_data("<html>end</html>")
    with fetcher(max_redirects=4) as local:
        answer = local.fetch(server.url_for("/r0"))
    assert (answer.url, answer.final_url) == (server.url_for("/r0"), server.url_for("/r4"))
    with fetcher(max_redirects=3) as local, pytest.raises(FetchError, match="more than 3"):
        local.fetch(server.url_for("/r0"))


def test_robots_txt_is_honoured_and_fetched_once_per_host(server: HTTPServer) -> None:
    allow_robots(
        server, "User-agent: *\nDisallow: /private/\n\nUser-agent: newsgraph\nDisallow: /nonews/\n"
    )
    server.expect_request("/news/a").respond_with_data("<html>a</html>")
    server.expect_request("/news/b").respond_with_data("<html>b</html>")
    with fetcher() as local:
        local.fetch(server.url_for("/news/a"))
        local.fetch(server.url_for("/news/b"))
        with pytest.raises(RobotsDisallowed, match=r"robots\.txt disallows it for newsgraph"):
            local.fetch(server.url_for("/nonews/c"))
    assert paths(server) == ["/robots.txt", "/news/a", "/news/b"]


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_robots_txt_missing_allows_and_unreachable_disallows(
    server: HTTPServer, status: int, allowed: bool
) -> None:
    server.expect_request("/robots.txt").respond_with_data("", status)
    server.expect_request("/a").respond_with_data("<html>a</html>")
    with fetcher() as local:
        if allowed:
            assert local.fetch(server.url_for("/a")).status == 200
        else:
            with pytest.raises(FetchError, match=r"could not be fetched .*503") as held:
                local.fetch(server.url_for("/a"))
            assert held.value.transient


def test_reading_stops_at_the_size_limit(server: HTTPServer) -> None:
    allow_robots(server)
    sent = []

    def endless(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(10_000):  # 640 MB if read to the end
                sent.append(1)
                yield b"x" * 65536

        return Response(chunks(), content_type="text/html")

    server.expect_request("/big").respond_with_handler(endless)
    server.expect_request("/bomb").respond_with_data(
        gzip.compress(b"<p>" + b"a" * 3_000_000), headers={"Content-Encoding": "gzip"}
    )
    server.expect_request("/declared").respond_with_data(b"y" * 2_000_000)
    with fetcher(max_fetch_bytes=1_000_000) as local:
        started = time.monotonic()
        with pytest.raises(TooLargeInput, match="stopped reading at the limit of 1,000,000"):
            local.fetch(server.url_for("/big"))
        assert time.monotonic() - started < 10
        with pytest.raises(TooLargeInput, match="stopped reading at the limit"):
            local.fetch(server.url_for("/bomb"))
        with pytest.raises(TooLargeInput, match="2,000,000 bytes, over the limit"):
            local.fetch(server.url_for("/declared"))
    assert len(sent) < 1000


def test_conditional_request_gets_304_without_a_body(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data("", 304)
    server.expect_request("/feed").respond_with_data(
        "<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 04 Jun 2024 10:00:00 GMT"}
    )
    with fetcher() as local:
        first = local.fetch(server.url_for("/feed"))
        assert first.validators == Validators('"v1"', "Tue, 04 Jun 2024 10:00:00 GMT")
        second = local.fetch(server.url_for("/feed"), first.validators)
    assert second.not_modified and second.body == b""
    sent = server.log[-1][0].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == "Tue, 04 Jun 2024 10:00:00 GMT"


def test_retry_after_defers_the_host(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/busy").respond_with_data("", 429, {"Retry-After": "120"})
    with fetcher() as local:
        with pytest.raises(HttpStatusError) as busy:
            local.fetch(server.url_for("/busy"))
        assert (busy.value.status, busy.value.retry_after, busy.value.transient) == (429, 120, True)
        with pytest.raises(FetchError, match=r"asked to be left alone for another 1[12]\d s"):
            local.fetch(server.url_for("/other"))
    assert paths(server) == ["/robots.txt", "/busy"]


def test_host_clock_spaces_requests_to_one_host() -> None:
    now = [1000.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    clock = HostClock(2.0, sleep, lambda: now[0])
    clock.wait("http://a")
    clock.done("http://a")
    clock.wait("http://b")  # another host: no wait
    clock.done("http://b")
    now[0] += 0.5
    clock.wait("http://a")
    clock.wait("http://a", crawl_delay=5.0)  # robots.txt's Crawl-delay, longer, wins
    assert slept == [1.5, 3.0]


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("30", 30.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None), (None, None)],
)
def test_retry_after_reads_seconds_and_dates(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds


def test_user_agent_names_newsgraph_and_the_contact(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/a").respond_with_data("<html>a</html>")
    with fetcher(contact="desk@news.example") as local:
        local.fetch(server.url_for("/a"))
    agent = server.log[-1][0].headers["User-Agent"]
    assert agent.startswith("newsgraph/") and "desk@news.example" in agent


def test_errors_name_the_url(server: HTTPServer) -> None:
    allow_robots(server)
    server.expect_request("/gone").respond_with_data("", 404)
    with fetcher() as local:
        with pytest.raises(HttpStatusError, match=r"/gone: the server answered 404") as gone:
            local.fetch(server.url_for("/gone"))
        assert not gone.value.transient
    with fetcher(connect_timeout=2.0) as local, pytest.raises(FetchError) as refused:
        local.fetch("http://127.0.0.1:9/nothing")  # the discard port: nothing listens
    assert refused.value.message.startswith("http://127.0.0.1:9/nothing: not fetched")
    assert "robots.txt could not be fetched" in refused.value.message
    assert refused.value.transient
