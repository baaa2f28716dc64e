"""`SectorHost`: what the window offers a sector's pages, typed, and nothing more.

The main window implements it (a sector's `pages(host)` gets the window itself); a page
uses only these members, so the shell's insides can change without breaking a sector.
Record work never runs on the GUI thread: `read` hands the job the window's read-only
store on a worker, `write` hands it an `EntryWriter` on the records worker (the rows it
appends are announced on `recorded`; a failure shows the window's "Not recorded").
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable
from zoneinfo import ZoneInfo

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from deungdae.desktop.ui.plant_state import ChannelView
from deungdae.desktop.ui.record_actions import EntryWriter
from deungdae.desktop.ui.session import User
from deungdae.records.store import EventRow, Store

T = TypeVar("T")

__all__ = ["ChannelView", "EntryWriter", "EventRow", "SectorHost", "User"]


@runtime_checkable
class SectorHost(Protocol):
    """The shell as a sector's pages see it (implemented by `MainWindow`).

    Signals (delivered in the GUI thread):
    - `readings_arrived(list[Reading])`: new readings from the engine;
    - `events_arrived(list[NewEvent])`: events the engine recorded (rules, devices);
    - `recorded(EventRow)`: a row the window appended (an operator's step);
    - `incidents_changed()`: the open incidents (`open_incidents()`) were reloaded.
    """

    readings_arrived: SignalInstance
    events_arrived: SignalInstance
    recorded: SignalInstance
    incidents_changed: SignalInstance
    tz: ZoneInfo  # the site's time zone: show every time in it
    db_path: Path  # the record (for a sector's own read-only `Background`)
    root: Path  # the data dir

    @property
    def site_config(self) -> dict[str, Any]:
        """The site config as loaded (read-only; the sector's section is under
        `["sectors"][<id>]`)."""
        ...

    @property
    def language(self) -> str:
        """"ko" or "en": the window's language (render stored keys in it)."""
        ...

    @property
    def user(self) -> User | None:
        """Who is logged in (None: nobody)."""
        ...

    def now_ms(self) -> int:
        """The engine's clock (a simulated run's time, not the PC's)."""
        ...

    def require_user(self) -> User | None:
        """The logged-in user, asking to log in first; None if they did not."""
        ...

    def channel_view(self, key: str) -> ChannelView | None:
        """A channel's latest value, unit, quality and state as the overview shows it."""
        ...

    def channels(self) -> list[ChannelView]:
        """Every channel of the site (measured and derived), in the config's order."""
        ...

    def read(self, job: Callable[[Store], T], on_done: Callable[[T], None]) -> bool:
        """Run `job(store)` on the window's read worker, then `on_done(result)` in the GUI
        thread. False if the worker is closed (the window is shutting down)."""
        ...

    def write(self, job: Callable[[EntryWriter], T],
              on_done: Callable[[T], None] | None = None,
              on_finished: Callable[[bool], None] | None = None) -> bool:
        """Run `job(writer)` on the records worker as described in `RecordActions.run`."""
        ...

    def open_incidents(self) -> list:
        """Every open incident of every sector (`sectors.api.incidents.Incident`)."""
        ...

    def set_badge(self, page: QWidget, count: int, severity: str = "alarm") -> None:
        """Show `count` on `page`'s navigation entry (0 hides it); `severity` sets how
        loud (info, warning, alarm, critical)."""
        ...

    def sign_with(self, dialog: Any, ref: EventRow, login: str) -> None:
        """Let a `SignOffDialog` sign `ref` as `login` when accepted (password asked)."""
        ...
