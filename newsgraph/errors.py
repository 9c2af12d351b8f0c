"""Every error newsgraph raises, with a stable ``code`` and a message that says what to do.

NewsgraphError
├── InputError            an input (file or record) cannot be decoded; the batch goes on
│   ├── UnreadableInput   cannot be opened or read            code: unreadable
│   ├── BinaryInput       not text (image, PDF, archive ...)  code: binary
│   ├── EmptyInput        nothing to decode                   code: empty
│   ├── EncodingError     bytes that no known encoding fits   code: encoding
│   ├── MalformedInput    broken JSON / feed / HTML           code: malformed
│   ├── TooLargeInput     over the configured size limit      code: too_large
│   ├── TooSlowInput      over the configured time limit      code: too_slow
│   └── FetchError        a URL could not be fetched          code: fetch
│       ├── BlockedAddress   a private, loopback, link-local or multicast
│       │                    address, refused by default       code: blocked_address
│       ├── RobotsDisallowed robots.txt disallows the URL       code: robots
│       └── HttpStatusError  the server answered 4xx or 5xx     code: http_status
├── ConfigError           bad option or configuration         code: config
├── ModelError            the spaCy model cannot be loaded    code: model
├── StoreError            the database cannot be used         code: store
└── LakeError             a Parquet lake cannot be used       code: lake
"""

from __future__ import annotations


class NewsgraphError(Exception):
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(NewsgraphError):
    code = "input"


class UnreadableInput(InputError):
    code = "unreadable"


class BinaryInput(InputError):
    code = "binary"


class EmptyInput(InputError):
    code = "empty"


class EncodingError(InputError):
    code = "encoding"


class MalformedInput(InputError):
    code = "malformed"


class TooLargeInput(InputError):
    code = "too_large"


class TooSlowInput(InputError):
    code = "too_slow"


class FetchError(InputError):
    """A URL could not be fetched. `transient` errors (timeouts, refused connections, 5xx,
    429) may pass: a poller tries again later; the others will not pass by waiting."""

    code = "fetch"
    transient = True


class BlockedAddress(FetchError):
    """`reason` names the address and the rule that refuses it, without the URL."""

    code = "blocked_address"
    transient = False

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message

    def for_url(self, url: str) -> BlockedAddress:
        return BlockedAddress(f"refused to fetch {url}: {self.reason}", self.reason)


class RobotsDisallowed(FetchError):
    code = "robots"
    transient = False


class HttpStatusError(FetchError):
    """A 4xx or 5xx answer; `retry_after` is the wait in seconds the server asked for."""

    code = "http_status"

    def __init__(self, message: str, status: int, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.transient = status in (408, 425, 429) or status >= 500


class ConfigError(NewsgraphError):
    code = "config"


class ModelError(NewsgraphError):
    code = "model"


class StoreError(NewsgraphError):
    code = "store"


class LakeError(NewsgraphError):
    code = "lake"


INPUT_ERRORS: dict[str, type[InputError]] = {
    cls.code: cls
    for cls in (
        UnreadableInput,
        BinaryInput,
        EmptyInput,
        EncodingError,
        MalformedInput,
        TooLargeInput,
        TooSlowInput,
        FetchError,
        BlockedAddress,
        RobotsDisallowed,
    )
}


def input_error(code: str, message: str) -> InputError:
    """The InputError subclass for a Failure's `code` (InputError itself for others)."""
    return INPUT_ERRORS.get(code, InputError)(message)
