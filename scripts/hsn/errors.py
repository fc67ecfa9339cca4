"""The errors a user can fix: `hsn` prints them as `hsn <command>: <message>`, no traceback."""

from __future__ import annotations


class HsnError(Exception):
    """A missing folder, a bad setting, a corrupt file, a refused step: the message names the
    file or variable and what is expected. Anything else is a bug and keeps its traceback."""


class MissingFolder(HsnError, FileNotFoundError):
    """A folder hsn reads from does not exist."""


class BadSetting(HsnError, ValueError):
    """An HSN_* environment variable holds a value hsn cannot use."""
