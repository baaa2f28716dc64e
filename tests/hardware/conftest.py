import logging
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from peer import ModbusPeer, Relay  # noqa: E402

# pymodbus logs every timeout and every bad frame; the tests provoke plenty of both.
logging.getLogger("pymodbus").setLevel(logging.CRITICAL)


@pytest.fixture
def peer():
    p = ModbusPeer(units=[1, 2, 3]).start()
    yield p
    p.stop()


@pytest.fixture
def relay(peer):
    r = Relay(peer.port).start()
    yield r
    r.unplug()


@pytest.fixture
def pty_relay(peer, tmp_path):
    r = Relay(peer.port, front="pty", path=tmp_path / "ttyUSB0").start()
    yield r
    r.unplug()
