"""Who is at the keyboard. Acknowledgements, corrective actions and sign-offs carry this name.

Until the records room offers users with passwords and e-signatures, the site's users are
the `[[users]]` tables of the site config (name and role, written by the wizard or
Settings), and logging in means choosing your name.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

ROLES = ("operator", "manager", "admin")


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str = "operator"

    @property
    def can_sign_off(self) -> bool:
        return self.role in ("manager", "admin")


def users_from_config(raw: dict) -> list[User]:
    out = []
    for u in raw.get("users", []) or []:
        if isinstance(u, dict) and isinstance(u.get("name"), str) and u["name"].strip():
            role = u.get("role", "operator")
            out.append(User(u["name"].strip(), role if role in ROLES else "operator"))
    return out


class Session(QObject):
    changed = Signal()

    def __init__(self, users: list[User], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.users = users
        self.user: User | None = None

    def login(self, name: str) -> User | None:
        for u in self.users:
            if u.name == name:
                self.user = u
                self.changed.emit()
                return u
        return None

    def logout(self) -> None:
        self.user = None
        self.changed.emit()
