"""URLs as inputs: telling them from paths, the key that makes two spellings of one URL the
same input, and the canonical URL a page declares for itself."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from newsgraph.ingest.bytes import content_hash

_URL = re.compile(r"^https?://[^\s/?#]+", re.I)

# Query parameters that only say where a click came from: the same article carries them in
# every feed and newsletter, so they are dropped from the key (never from a fetched URL).
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "itm_")
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "msclkid", "yclid", "ocid", "cmpid", "smid", "ito", "xtor",
     "ref", "ref_src", "src", "cid", "sr_share", "guccounter", "mbid", "at_medium", "at_campaign"}
)  # fmt: skip
_DEFAULT_PORTS = {"http": 80, "https": 443}

# <link rel="canonical" href> and <meta property="og:url" content>, attributes in any order.
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HEAD_END = re.compile(r"</head\s*>|<body[\s>]", re.I)


def is_url(name: str) -> bool:
    """Whether an input name is an http(s) URL rather than a path."""
    return bool(_URL.match(name))


def normalize_url(url: str) -> str:
    """`url` in the form used to compare URLs: scheme and host in lower case, default port,
    fragment and tracking parameters dropped, the other parameters sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    port = parts.port if parts.port not in (None, _DEFAULT_PORTS.get(scheme)) else None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def url_key(url: str) -> str:
    """The input key of a page known by its URL (the `inputs` table's raw hash): a page
    reached again by any spelling of the URL is not fetched again."""
    return content_hash("url:" + normalize_url(url))


def host_of(url: str) -> str:
    """scheme://host[:port] of `url`, lower case: the unit of politeness and robots.txt."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def canonical_url(html: str, page_url: str) -> str | None:
    """The URL the page declares for itself (`<link rel=canonical>`, else `og:url`),
    absolute; None when it declares none or one that cannot be the page's own.

    A canonical pointing at the site's front page (a common template bug) would make every
    article of the site one URL, so it is ignored unless the page itself is the front page.
    """
    head = html[: _head_end(html)]
    for candidate in (_canonical_link(head), _og_url(head)):
        if candidate:
            absolute = urljoin(page_url, candidate.strip())
            if _plausible(absolute, page_url):
                return absolute
    return None


def _head_end(html: str) -> int:
    match = _HEAD_END.search(html, 0, 300_000)
    return match.start() if match else min(len(html), 300_000)


def _attributes(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
        for m in _ATTRIBUTE.finditer(tag)
    }


def _canonical_link(head: str) -> str | None:
    for tag in _LINK_TAG.findall(head):
        attributes = _attributes(tag)
        if "canonical" in attributes.get("rel", "").lower().split():
            return attributes.get("href")
    return None


def _og_url(head: str) -> str | None:
    for tag in _META_TAG.findall(head):
        attributes = _attributes(tag)
        if attributes.get("property", attributes.get("name", "")).lower() == "og:url":
            return attributes.get("content")
    return None


def _plausible(candidate: str, page_url: str) -> bool:
    parts = urlsplit(candidate)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    front_page = parts.path in ("", "/") and not parts.query
    return not front_page or urlsplit(page_url).path in ("", "/")


__all__ = ["canonical_url", "host_of", "is_url", "normalize_url", "url_key"]
