"""Who is at the keyboard. Acknowledgements, corrective actions and sign-offs carry their login.

Users live in the record (`records.users`: argon2 passwords/PINs, roles, lockout, audit
trail). Logging in means choosing or typing your login and entering your password or PIN,
checked by `Engine.authenticate` on a worker thread; the session only holds the user the
record said yes to. The `[[users]]` tables an older site config may still carry are not
used to sign in (`legacy_config_users` only lets the login dialog say so).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from deungdae.records import users as rusers

ROLES = rusers.ROLES


@dataclass(frozen=True, slots=True)
class User:
    login: str
    full_name: str = ""
    role: str = "operator"

    @property
    def name(self) -> str:
        """What every appended row is attributed to: the authenticated login."""
        return self.login

    @property
    def printed_name(self) -> str:
        return self.full_name or self.login

    @property
    def display(self) -> str:
        """For the screen: "Park Minsu (park)"."""
        return self.login if self.printed_name == self.login else \
            f"{self.printed_name} ({self.login})"

    @property
    def can_sign_off(self) -> bool:
        return self.role in ("manager", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @classmethod
    def of(cls, user: rusers.User) -> User:
        return cls(user.login, user.full_name, user.role)


def legacy_config_users(raw: dict) -> list[str]:
    """Names in the site config's old `[[users]]` tables (no longer used to sign in)."""
    return [u["name"].strip() for u in raw.get("users", []) or []
            if isinstance(u, dict) and isinstance(u.get("name"), str) and u["name"].strip()]


class Session(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.user: User | None = None

    def signed_in(self, user: rusers.User | User) -> User:
        """Called with the user `Engine.authenticate` (or `add_user`) returned."""
        self.user = user if isinstance(user, User) else User.of(user)
        self.changed.emit()
        return self.user

    def logout(self) -> None:
        self.user = None
        self.changed.emit()
