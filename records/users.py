"""Users, roles and sign-in: operator, manager (HACCP team leader / verifier), admin.

Users are append-only like every record row: adding a user, changing a password or role
and disabling append a new `user_version` row (the latest one is the user's state) and a
`config_change` audit row (never the hash). Passwords and PINs are hashed with argon2id.
Every sign-in attempt is logged in `auth_log`; after MAX_FAILURES wrong passwords in a row
the account is locked for LOCKOUT_MINUTES, or until an admin unlocks it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from deungdae.records.errors import StoreError
from deungdae.records.store import Store, now_ms

ROLES = ("operator", "manager", "admin")
MAX_FAILURES = 5
LOCKOUT_MINUTES = 15
MIN_SECRET = 4  # a 4-digit PIN is the shortest secret an operator may have
# Managers and admins sign records (21 CFR 11.200): their secret is longer and not trivial.
SIGNER_ROLES = ("manager", "admin")
MIN_SIGNER_SECRET = 6
# Secrets anyone would try first (all-same and digit/letter runs are caught by rule).
COMMON_SECRETS = frozenset({
    "password", "password1", "passw0rd", "qwerty", "qwerty1", "qwerty123", "qwer1234",
    "asdfgh", "asdf1234", "zxcvbn", "1q2w3e", "1q2w3e4r", "q1w2e3r4", "abc123", "abcd1234",
    "admin", "admin1", "admin123", "manager", "iloveyou", "letmein", "welcome", "123123",
    "121212", "112233", "123321", "654456", "159753", "147258", "789456", "131313",
    "696969", "102030", "111222", "123qwe", "qwe123", "deungdae", "haccp1"})
_hasher = PasswordHasher()


class AuthError(StoreError):
    """Signing in or signing failed; the message says why and what to do."""


class WrongPassword(AuthError):
    pass


class AccountLocked(AuthError):
    pass


class AccountDisabled(AuthError):
    pass


class UnknownUser(AuthError):
    pass


class NotAllowed(AuthError):
    """The user's role does not allow this."""


@dataclass(frozen=True, slots=True)
class User:
    login: str
    full_name: str
    role: str
    active: bool
    since: int  # ms of the latest version
    by: str
    # set by `authenticate` when the secret just typed breaks today's rule for the role (an
    # older, shorter PIN, or a role raised to manager): sign-in works, the screens say to
    # change it
    weak_secret: bool = False


def _latest(store: Store, login: str) -> tuple | None:
    rows = store.query(
        "SELECT login, full_name, role, pw_hash, active, ts, by_user FROM user_version "
        "WHERE login = ? ORDER BY id DESC LIMIT 1", (login,))
    return rows[0] if rows else None


def _user(row: tuple) -> User:
    return User(row[0], row[1], row[2], bool(row[4]), row[5], row[6])


def get_user(store: Store, login: str) -> User | None:
    row = _latest(store, login)
    return _user(row) if row else None


def users(store: Store) -> list[User]:
    rows = store.query(
        "SELECT login, full_name, role, pw_hash, active, ts, by_user FROM user_version "
        "WHERE id IN (SELECT max(id) FROM user_version GROUP BY login) ORDER BY login")
    return [_user(r) for r in rows]


class WeakSecret(AuthError):
    """A password or PIN the rule refuses; `problem` is a key the screens translate."""

    def __init__(self, message: str, problem: str, minimum: int) -> None:
        super().__init__(message)
        self.problem = problem
        self.minimum = minimum


def min_secret(role: str) -> int:
    """The shortest secret a user of `role` may have."""
    return MIN_SIGNER_SECRET if role in SIGNER_ROLES else MIN_SECRET


def _run(secret: str) -> bool:
    """Every character one step up (or down) from the one before: 123456, 654321, abcdef."""
    steps = {ord(b) - ord(a) for a, b in zip(secret, secret[1:], strict=False)}
    return len(steps) == 1 and steps <= {1, -1}


def secret_problem(secret: str, role: str, login: str = "") -> str | None:
    """Why `secret` is refused for a `role` user named `login`, as a key, else None.

    Keys: "short" (below `min_secret(role)`), and for signers only "same" (one repeated
    character), "run" (ascending or descending run), "login" (the login, or it reversed),
    "common" (in COMMON_SECRETS). Operators keep the 4-character minimum only: they do not
    sign reviews or approvals, and a floor PIN must stay quick to type.
    """
    if len(secret) < min_secret(role):
        return "short"
    if role not in SIGNER_ROLES:
        return None
    low = secret.lower()
    if len(set(low)) == 1:
        return "same"
    if _run(low):
        return "run"
    if login and low in (login.strip().lower(), login.strip().lower()[::-1]):
        return "login"
    if low in COMMON_SECRETS:
        return "common"
    return None


_PROBLEM_TEXT = {
    "short": "a {role} needs a password or PIN of at least {n} characters",
    "same": "a {role} cannot use one repeated character as password or PIN",
    "run": "a {role} cannot use a run like 123456 or 654321 as password or PIN",
    "login": "a {role} cannot use the login as password or PIN",
    "common": "a {role} cannot use a common password or PIN like this one",
}


def _check_secret(password: str, role: str = "operator", login: str = "") -> None:
    problem = secret_problem(password, role, login)
    if problem is not None:
        n = min_secret(role)
        raise WeakSecret(_PROBLEM_TEXT[problem].format(role=role, n=n)
                         + (f" (at least {n} characters, not trivial)"
                            if problem != "short" else ""), problem, n)


def _append(store: Store, login: str, full_name: str, role: str, pw_hash: str, active: bool,
            by: str, old: dict | None, new: dict, reason: str) -> None:
    store.append_record("user_version", {
        "login": login, "full_name": full_name, "role": role, "pw_hash": pw_hash,
        "active": int(active), "ts": now_ms(), "by_user": by})
    store.record_config_change("user", login, old, new, by, reason)


def _public(row: tuple | None) -> dict | None:
    return None if row is None else {"full_name": row[1], "role": row[2],
                                     "active": bool(row[4])}


def add_user(store: Store, login: str, full_name: str, role: str, password: str, *,
             by: str) -> User:
    """Add a user. `by` is the admin's login ("setup" for the very first admin)."""
    login = login.strip()
    if not login or any(c.isspace() for c in login):
        raise AuthError("a login needs at least one character and no spaces")
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    if _latest(store, login) is not None:
        raise AuthError(f"user {login!r} already exists")
    _check_secret(password, role, login)
    new = {"full_name": full_name or login, "role": role, "active": True}
    _append(store, login, full_name or login, role, _hasher.hash(password), True, by, None,
            new, "user added")
    return get_user(store, login)  # type: ignore[return-value]


def _require(store: Store, login: str) -> tuple:
    row = _latest(store, login)
    if row is None:
        raise UnknownUser(f"no user {login!r}; `deungdae user list` shows who exists")
    return row


def set_password(store: Store, login: str, password: str, *, by: str) -> None:
    row = _require(store, login)
    _check_secret(password, row[2], login)
    _append(store, login, row[1], row[2], _hasher.hash(password), bool(row[4]), by,
            {"password": "(previous)"}, {"password": "(changed)"}, "password changed")
    store.append_record("auth_log", {"ts": now_ms(), "login": login, "outcome": "reset",
                                     "purpose": f"password set by {by}"})


def set_role(store: Store, login: str, role: str, *, by: str) -> None:
    row = _require(store, login)
    if role not in ROLES:
        raise AuthError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    _append(store, login, row[1], role, row[3], bool(row[4]), by, _public(row),
            {**_public(row), "role": role}, "role changed")


def disable(store: Store, login: str, *, by: str) -> None:
    row = _require(store, login)
    if not row[4]:
        return
    _append(store, login, row[1], row[2], row[3], False, by, _public(row),
            {**_public(row), "active": False}, "user disabled")


def unlock(store: Store, login: str, *, by: str) -> None:
    _require(store, login)
    store.append_record("auth_log", {"ts": now_ms(), "login": login, "outcome": "unlock",
                                     "purpose": f"unlocked by {by}"})


def failures(store: Store, login: str) -> tuple[int, int | None]:
    """Wrong passwords in a row since the last success/unlock/reset, and when the last was."""
    n, last = 0, None
    for outcome, ts in store.query(
            "SELECT outcome, ts FROM auth_log WHERE login = ? ORDER BY id DESC LIMIT 100",
            (login,)):
        if outcome in ("ok", "unlock", "reset"):
            break
        if outcome == "bad_password":
            n += 1
            last = ts if last is None else last
    return n, last


def locked_until(store: Store, login: str) -> int | None:
    n, last = failures(store, login)
    if n >= MAX_FAILURES and last is not None:
        until = last + LOCKOUT_MINUTES * 60_000
        if until > now_ms():
            return until
    return None


def authenticate(store: Store, login: str, password: str, purpose: str = "sign-in") -> User:
    """Check credentials; every attempt is logged. Raises an AuthError subclass on refusal."""

    def log(outcome: str) -> None:
        store.append_record("auth_log", {"ts": now_ms(), "login": login, "outcome": outcome,
                                         "purpose": purpose})

    row = _latest(store, login)
    if row is None:
        log("unknown")
        raise UnknownUser("wrong login or password")
    if not row[4]:
        log("disabled")
        raise AccountDisabled(f"user {login!r} is disabled; ask an admin")
    until = locked_until(store, login)
    if until is not None:
        log("locked")
        mins = max(1, -(-(until - now_ms()) // 60_000))
        raise AccountLocked(f"user {login!r} is locked after {MAX_FAILURES} wrong passwords; "
                            f"try again in {mins} min or ask an admin to unlock it")
    try:
        _hasher.verify(row[3], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        log("bad_password")
        n, _ = failures(store, login)
        left = MAX_FAILURES - n
        raise WrongPassword("wrong login or password" + (
            f" ({left} attempt(s) left before the account locks)" if left > 0 else
            f"; the account is now locked for {LOCKOUT_MINUTES} min")) from None
    log("ok")
    user = _user(row)
    if secret_problem(password, user.role, user.login) is not None:
        user = replace(user, weak_secret=True)
    return user


def require_role(user: User, *roles: str) -> None:
    if user.role not in roles:
        raise NotAllowed(f"{user.login} is {user.role}; this needs {' or '.join(roles)}")


def check_credentials(store: Store, login: str, password: str) -> User:
    """Check credentials without writing (for a record the writer refuses to open).

    Used by `records.recovery` before an admin restores or accepts a loss: the attempt
    is logged in the record once it is open again. Lockout is honoured.
    """
    row = _latest(store, login)
    if row is None or not row[4]:
        raise UnknownUser("wrong login or password")
    if locked_until(store, login) is not None:
        raise AccountLocked(f"user {login!r} is locked after {MAX_FAILURES} wrong passwords")
    try:
        _hasher.verify(row[3], password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        raise WrongPassword("wrong login or password") from None
    return _user(row)
