"""Raw bytes → text: gzip, binary detection and encoding, with errors that name the input."""

from __future__ import annotations

import codecs
import hashlib
import re
import zlib

from charset_normalizer import from_bytes

from newsgraph.errors import BinaryInput, EmptyInput, EncodingError, MalformedInput, TooLargeInput

GZIP_MAGIC = b"\x1f\x8b"

# Signatures of formats that are certainly not articles; naming them makes a better error
# than "cannot decode".
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
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


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip data, refusing to inflate past `limit` bytes (gzip bombs)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise MalformedInput(f"corrupt gzip data ({exc})") from exc
    if len(out) > limit:
        raise TooLargeInput(f"decompresses to more than {limit:,} bytes")
    if not inflater.eof:
        raise MalformedInput("truncated gzip data")
    return out


def maybe_gunzip(data: bytes, limit: int) -> bytes:
    return gunzip(data, limit) if data.startswith(GZIP_MAGIC) else data


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


def decode_bytes(data: bytes, is_html: bool = False, declared: str | None = None) -> str:
    """Decode text bytes: BOM, then UTF-8, then the charset `declared` by the transport (an
    HTTP header), then one declared in HTML, then detection.

    Raises EmptyInput, BinaryInput or EncodingError; never returns replacement characters
    silently, because lost characters become wrong names downstream.
    """
    if not data.strip():
        raise EmptyInput("empty input: there is no text in it")
    check_not_binary(data)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _strict(data, encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, _declared_charset(data) if is_html else None):
        if label:
            try:
                return data.decode(charset_name(label))
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration is common; try the next, then detection
    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise EncodingError("cannot decode: the bytes are not UTF-8 and no encoding fits them")
    return _strict(data, best.encoding)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise EncodingError(f"cannot decode as {encoding}: {exc}") from exc


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


__all__ = [
    "charset_name",
    "check_not_binary",
    "content_hash",
    "decode_bytes",
    "gunzip",
    "maybe_gunzip",
]
