"""A bakery site with a running engine and a real Modbus RTD module, for the device tests."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.hardware.clock import RealClock
from deungdae.sectors.contract import discover
from tests.hardware.peer import wait_until

BAKERY = (resources.files("deungdae.sectors.haccp") / "templates" / "haccp-bakery.toml"
          ).read_text(encoding="utf-8")


def write_site(root: Path, text: str = BAKERY) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "site.toml"
    path.write_text(text, encoding="utf-8")
    return path


def open_engine(root: Path) -> Engine:
    cfg = site_config.load(root / "site.toml", discover())
    eng = Engine(root, cfg, RealClock(), discover(), flush_seconds=0.1)
    eng.open()
    return eng


def add_users(eng: Engine) -> None:
    eng.add_user("lee", "Lee Admin", "admin", "admin-pass-1", by="setup")
    eng.add_user("park", "Park Manager", "manager", "manager-pass-1", by="lee")
    eng.add_user("kim", "Kim Operator", "operator", "operator-pass-1", by="lee")


class Running:
    """The engine's loop in a thread, as the window runs it."""

    def __init__(self, eng: Engine) -> None:
        self.eng = eng
        self.thread = threading.Thread(target=eng.run, daemon=True)

    def __enter__(self) -> Engine:
        self.thread.start()
        wait_until(lambda: self.eng._running, 10)
        return self.eng

    def __exit__(self, *exc) -> None:
        self.eng.stop()
        self.thread.join(20)
        assert not self.thread.is_alive()


def set_rtd(peer, unit: int, *celsius: float) -> None:
    """The PTA8C04's temperature registers (holding 0.., signed x10) and each probe's
    resistance (holding 32.., x10 Ω; PT100: about 100 Ω x (1 + 0.00385 / °C))."""
    peer.set(unit, "holding", 0, [round(c * 10) & 0xFFFF for c in celsius])
    ohms = [*celsius, *[0.0] * (4 - len(celsius))]
    peer.set(unit, "holding", 32, [round(1000 * (1 + 0.00385 * c)) for c in ohms])
