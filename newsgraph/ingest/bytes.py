"""Raw bytes → text: decompression, binary detection and encoding, with errors that name
the input."""

from __future__ import annotations

import bz2
import codecs
import gzip
import hashlib
import io
import lzma
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInput, EmptyInput, EncodingError, MalformedInput, TooLargeInput

GZIP_MAGIC = b"\x1f\x8b"
BZIP2_MAGIC = b"BZh"
XZ_MAGIC = b"\xfd7zXZ\x00"

# Compressed inputs read through a decompressing stream, so that a limit holds while the
# data inflates: a 1 GB bomb stops at the limit, never held whole.
_DECOMPRESSORS: dict[bytes, Callable[[IO[bytes]], io.BufferedIOBase]] = {
    GZIP_MAGIC: lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),  # every member
    BZIP2_MAGIC: lambda raw: bz2.BZ2File(raw),
    XZ_MAGIC: lambda raw: lzma.LZMAFile(raw),  # noqa: SIM115 - the caller closes it
}
_BZIP2_BLOCKS = (b"1AY&SY", b"\x17rE8P\x90")  # a block or the end of an empty stream
_CHUNK = 64 * 1024  # small: a decompressor briefly holds two copies of each chunk

# Signatures of formats that are certainly not articles; naming them makes a better error
# than "cannot decode".
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x7fELF", "an executable"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"SQLite format 3", "an SQLite database"),
    (b"RIFF", "a RIFF media file"),
    (b"WARC/", "a WARC archive, read only from a file (.warc, .warc.gz)"),
)

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)


def content_hash(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def compression_of(head: bytes) -> bytes | None:
    """The magic number of the compression `head` starts with (gzip, bzip2, xz), or None."""
    if head.startswith(BZIP2_MAGIC) and head[4:10] not in _BZIP2_BLOCKS:
        return None  # a text that starts with "BZh"
    return next((magic for magic in _DECOMPRESSORS if head.startswith(magic)), None)


def decompressing(raw: IO[bytes], magic: bytes) -> io.BufferedIOBase:
    """A stream of the decompressed content of `raw` (compressed as `magic` says)."""
    return _DECOMPRESSORS[magic](raw)


def read_limited(
    stream: io.BufferedIOBase | IO[bytes], limit: int, what: str = "decompresses to"
) -> bytes:
    """At most `limit` bytes of `stream`, read in chunks: TooLargeInput as soon as there
    are more, so memory never holds much beyond the limit. Corrupt compressed data is a
    MalformedInput."""
    buffer = bytearray()
    try:
        while chunk := stream.read(min(_CHUNK, limit + 1 - len(buffer))):
            buffer += chunk
            if len(buffer) > limit:
                raise TooLargeInput(f"too large: {what} more than {limit:,} bytes")
    except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
        raise MalformedInput(f"corrupt or truncated compressed data ({exc})") from exc
    return bytes(buffer)


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to inflate past `limit` bytes (gzip bombs)."""
    return read_limited(decompressing(io.BytesIO(data), GZIP_MAGIC), limit)


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    """`data` decompressed if it is gzip, bzip2 or xz (within `limit`), else as it is."""
    magic = compression_of(data)
    if magic is None:
        return data
    return read_limited(decompressing(io.BytesIO(data), magic), limit)


def check_not_binary(data: bytes) -> None:
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise BinaryInput(f"binary input: this is {what}, not an article")
    head = data[:8192]
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in head and not utf16:
        raise BinaryInput("binary input: it contains NUL bytes, so it is not text")


# Labels that browsers read as another encoding (WHATWG Encoding Standard): a page that says
# ISO-8859-1 is decoded as windows-1252, or its curly quotes become control characters.
_WHATWG_LABELS = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252", "iso-8859-9": "cp1254",
    "latin5": "cp1254", "tis-620": "cp874", "iso-8859-11": "cp874", "gb2312": "gb18030",
    "gbk": "gb18030", "x-gbk": "gb18030", "shift_jis": "cp932", "sjis": "cp932",
    "euc-kr": "cp949", "x-user-defined": "cp1252",
}  # fmt: skip


def charset_name(label: str) -> str:
    """The Python codec for a declared charset label (HTTP header or <meta>)."""
    cleaned = label.strip().strip("\"'").lower()
    return _WHATWG_LABELS.get(cleaned, cleaned)


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the `encoding` chosen (a Python codec name) and the
    number of invalid byte sequences `replaced` by U+FFFD (only ever in UTF-8 text)."""

    text: str
    encoding: str
    replaced: int = 0

    def metadata(self) -> dict[str, str | int]:
        """What an article's metadata records of its decoding."""
        if not self.replaced:
            return {"encoding": self.encoding}
        return {"encoding": self.encoding, "encoding_replaced": self.replaced}


def decode_bytes(data: bytes, is_html: bool = False, declared: str | None = None) -> str:
    """The text of `data`, as :func:`decode_text` decodes it."""
    return decode_text(data, is_html, declared).text


def decode_text(data: bytes, is_html: bool = False, declared: str | None = None) -> DecodedText:
    """Decode text bytes: BOM, then UTF-8, then UTF-8 with a few invalid bytes replaced,
    then the charset `declared` by the transport (an HTTP header), then one declared in
    HTML, then detection.

    Raises EmptyInput, BinaryInput or EncodingError. Replacement characters come only from
    text that is UTF-8 but for a few bytes, and are counted: reading such a text as a legacy
    encoding would garble every other non-ASCII letter ("Niinistö" as "NiinistГ¶")."""
    if not data.strip():
        raise EmptyInput("empty input: there is no text in it")
    check_not_binary(data)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return DecodedText(_strict(data, encoding), encoding)
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    for label in (declared, _declared_charset(data) if is_html else None):
        if label:
            try:
                return DecodedText(data.decode(charset_name(label)), charset_name(label))
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration is common; try the next, then detection
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise EncodingError("cannot decode: the bytes are not UTF-8 and no encoding fits them")
    return DecodedText(_strict(data, best.encoding), best.encoding)


# UTF-8 "clearly fits" when its valid multi-byte characters are at least as many as its
# invalid sequences (or the latter are a handful): a legacy-encoded text makes an invalid
# sequence of nearly every accented letter and a valid one only by rare accident.
_FEW_INVALID = 3


def _mostly_utf8(data: bytes) -> DecodedText | None:
    text = data.decode("utf-8", "replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    ascii_chars = len(data.decode("ascii", "ignore"))
    multibyte = len(text) - ascii_chars - replaced
    if multibyte >= 1 and replaced <= max(_FEW_INVALID, multibyte):
        return DecodedText(text, "utf-8", replaced)
    return None


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(f"cannot decode as {encoding}: {exc}") from exc


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


__all__ = [
    "DecodedText",
    "charset_name",
    "check_not_binary",
    "compression_of",
    "content_hash",
    "decode_bytes",
    "decode_text",
    "decompressing",
    "gunzip",
    "maybe_gunzip",
    "read_limited",
]
