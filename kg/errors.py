"""The exceptions the library raises. The CLI maps them to exit codes; the library never exits."""
from __future__ import annotations


class KGError(Exception):
    """Base class: something claimgraph could not do, with a message fit for one stderr line."""


class InputError(KGError):
    """An input file or stream could not be read or understood (names the path and the reason)."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # Worker processes send it back pickled; the default would call InputError(message) and fail to unpickle.
        return type(self), (self.origin, self.reason)


class StoreError(KGError):
    """The store could not be opened, read or written."""


class QueryError(KGError):
    """A SPARQL query was not found, did not parse, or was given bad parameters."""


class QuerySyntaxError(QueryError):
    """A SPARQL query did not parse: the message names the line and column, ``excerpt`` shows them with a caret."""

    def __init__(self, message: str, excerpt: str = "") -> None:
        super().__init__(message)
        self.excerpt = excerpt

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (str(self), self.excerpt)


class ValidationFailed(KGError):
    """Validation ran and found violations."""


class ModelError(KGError):
    """A shipped model's files are missing, or do not match the checksums its metadata.json records."""
