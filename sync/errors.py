"""What can go wrong while syncing, as exceptions whose message a person can act on.

Two kinds matter to the background loop: `transient` ones (the link is down, the platform
restarts, its database is busy) are retried with backoff forever, since unsent rows are
never thrown away; the others (token revoked, wrong address, untrusted certificate, a fork)
need a person, so the loop reports them and retries only slowly.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; `str(exc)` is one actionable line."""

    transient = False


class NotRegistered(SyncError):
    """This data dir has not been registered with a platform yet."""


class AlreadySyncing(SyncError):
    """Another process (the engine or `deungdae sync`) holds this data dir's sync lock."""


class Unreachable(SyncError):
    """No answer: connection refused, DNS failure, timeout, response lost on the way."""

    transient = True


class ServerUnavailable(SyncError):
    """The platform answered but cannot store now (503, 5xx): retry later."""

    transient = True


class NotAPlatform(SyncError):
    """Something answered at the address, but it is not a Deungdae platform (404, not JSON)."""


class CertificateError(SyncError):
    """TLS verification failed: the platform's certificate is not trusted here."""


class TokenRejected(SyncError):
    """401: the plant's token is expired, revoked or belongs to another platform."""


class RegistrationRefused(SyncError):
    """The one-time registration code was not accepted (unknown, used or expired)."""


class ForkError(SyncError):
    """The platform holds a different chain for this plant than this record has."""


class GapError(SyncError):
    """A batch did not start where the platform expected; resume at `expected_seq`."""

    transient = True

    def __init__(self, message: str, expected_seq: int | None) -> None:
        super().__init__(message)
        self.expected_seq = expected_seq


class BatchTooLarge(SyncError):
    """413: the platform refused the batch's size; cut smaller batches."""

    transient = True


class Rejected(SyncError):
    """Any other 4xx: the platform refused the request and said why."""
