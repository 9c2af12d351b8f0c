"""Every error newsgraph raises, with a stable ``code`` and a message that says what to do.

NewsgraphError
├── InputError            an input (file or record) cannot be decoded; the batch goes on
│   ├── UnreadableInput   cannot be opened or read            code: unreadable
│   ├── BinaryInput       not text (image, PDF, archive ...)  code: binary
│   ├── EmptyInput        nothing to decode                   code: empty
│   ├── EncodingError     bytes that no known encoding fits   code: encoding
│   ├── MalformedInput    broken JSON / feed / HTML           code: malformed
│   └── TooLargeInput     over the configured size limit      code: too_large
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
    )
}


def input_error(code: str, message: str) -> InputError:
    """The InputError subclass for a Failure's `code` (InputError itself for others)."""
    return INPUT_ERRORS.get(code, InputError)(message)
