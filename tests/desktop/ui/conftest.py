"""The shared fixture: a main window on a temp data dir, its engine on a fast clock.

The record starts with real users (argon2 with a cheap cost, so tests stay fast): USERS
below, logins and PINs; `log_in(w, "park")` signs one in through `Engine.authenticate`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from deungdae.hardware.clock import ScaledClock
from tests.conftest import T0

# login: (full name, role, PIN)
USERS = {
    "kim": ("Kim Operator", "operator", "1357"),
    "park": ("Park Manager", "manager", "246813"),
    "lee": ("Lee Admin", "admin", "975319"),
}

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"

PLANT = """
[site]
name = "Test plant"
timezone = "Asia/Seoul"
sectors = ["demo"]

[[devices]]
id = "fridge"
name = "Walk-in fridge"
profile = "simulator"
interval = 1.0

[devices.points.temp]
unit = "°C"
base = 4.0
amplitude = 0.5
period = 600
# the door is left open from t = 20 s for ten minutes
steps = [{ at = 20, duration = 600, value = 12.5 }]

[devices.points.door]
unit = ""
base = 0

[[devices]]
id = "oven"
profile = "simulator"
interval = 1.0

[devices.points.core]
unit = "°C"
base = 82.0
amplitude = 3
period = 300

[[channels]]
id = "fridge.temp"
name = "Fridge temperature"
[channels.alarm]
high = 8.0
low = 0.0
delay = 5
hysteresis = 0.5
stale_after = 10

[[channels]]
id = "fridge.door"
name = "Fridge door"

[[channels]]
id = "oven.core"
name = "Oven core"
[channels.alarm]
low = 75.0
delay = 10
"""


@pytest.fixture
def fast_argon2(monkeypatch):
    from argon2 import PasswordHasher

    from deungdae.records import users

    monkeypatch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8192,
                                                         parallelism=1))


def add_record_users(data_dir: Path, users: dict = USERS) -> None:
    from deungdae.desktop.paths import db_path
    from deungdae.records import users as rusers
    from deungdae.records.store import Store

    with Store.open_writer(db_path(data_dir)) as store:
        for login, (name, role, pin) in users.items():
            rusers.add_user(store, login, name, role, pin, by="setup")


def log_in(w, login: str, pin: str | None = None):
    """Sign `login` in on window `w` through the engine's real password check."""
    user = w.engine.authenticate(login, USERS[login][2] if pin is None else pin)
    return w.session.signed_in(user)


@pytest.fixture
def make_main_window(qtbot, data_dir: Path, fast_argon2) -> Callable:
    """`make_main_window(site_text=PLANT, speed=20, start=True)` -> a shown MainWindow.

    The record has the users of USERS (pass `users=None` for a record without users).

    The engine runs on a ScaledClock from T0, so plant minutes pass in real seconds; the
    window (and its engine thread) is shut down after the test.
    """
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations

    application()
    made = []

    def make(site_text: str = PLANT, speed: float = 20, start: bool = True,
             language: str = "en", users: dict | None = USERS):
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "site.toml").write_text(site_text, encoding="utf-8")
        if users and not made:
            add_record_users(data_dir, users)
        tr = Translations()
        tr.set_language(language)
        w = build_window(data_dir, ScaledClock(speed, start_ms=T0), tr)
        made.append(w)
        qtbot.addWidget(w)
        w.resize(1366, 820)
        w.show()
        if start:
            w.start()
        return w

    yield make
    for w in made:
        w.shutdown()
        w.translations.set_language("en")


def shoot(widget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    widget.grab().save(str(path))
    return path
