"""Typed hub errors, each with an HTTP status, a stable code and a message a clerk can act on.

The API layer maps every HubError to `{"error": code, "message": ...}` so terminals
(and the people reading their logs) see why a request was refused, never a stack trace.
"""

from __future__ import annotations


class HubError(Exception):
    """Base of every error the hub reports to a caller."""

    status: int = 400
    code: str = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AuthError(HubError):
    """The request is not signed by a known terminal, or the signature is wrong or stale."""

    status = 401
    code = "unauthorized"


class TerminalDisabled(HubError):
    """The terminal is known but its credentials were revoked."""

    status = 403
    code = "forbidden"


class ApplicationConflict(HubError):
    """The same application id was already received with a different body."""

    status = 422
    code = "conflict"


class ApplicationInFlight(HubError):
    """Another request for the same application id is being processed right now."""

    status = 409
    code = "in_flight"


class HubBusy(HubError):
    """The hub could not finish in time; the caller should retry after a pause."""

    status = 503
    code = "busy"


class NotFound(HubError):
    status = 404
    code = "not_found"


class PayloadTooLarge(HubError):
    status = 413
    code = "payload_too_large"


class HubConfigError(Exception):
    """The hub cannot start: a database URL, key file or catalog directory is unusable."""
