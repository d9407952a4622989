"""Typed errors raised by the core, each carrying a plain French message for the user."""

from __future__ import annotations


class UserError(Exception):
    """An error a user can understand and act upon.

    Args:
        message: one plain French sentence saying what happened and what to do.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
