"""The Qt half of the sector plugin contract, loaded only by the GUI.

A sector package may ship a `views` module next to its contract object (for
`sectors.haccp.plugin:sector` that is `sectors.haccp.views`; a sector may also name it in
a `views_module` attribute). Every function in it is optional:

- `pages(shell) -> list[QWidget]`: pages shown in the navigation under the sector; each
  page's `windowTitle()` is its label, so it should be set through `tr()`;
- `forms(shell) -> list[QWidget]`: manual-entry forms (the fallback when automatic
  recording fails); shown on the sector's "Manual entry" page;
- `settings_pages(shell) -> list[QWidget]`: extra tabs in Settings;
- `reports() -> list`: collected for compatibility; the Reports page lists the
  `ReportDef`s of the sector's contract object (`Sector.reports()`).

`shell` is the main window as a `desktop.ui.kit.SectorHost`: the typed host is all a
sector's pages may use (record reads and writes off the GUI thread, the user, the clock
and site zone, signals); the kit is the only desktop module a sector imports.
A views module that fails to import is logged and skipped: one broken plugin must not
stop the plant's logger window from opening.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QWidget

from deungdae.sectors.contract import Sector

log = logging.getLogger(__name__)


def views_module_name(sector: Sector) -> str:
    explicit = getattr(sector, "views_module", None)
    if explicit:
        return str(explicit)
    module = type(sector).__module__
    if module == "builtins" or module is None:
        module = getattr(sector, "__module__", "") or ""
    package = module.rsplit(".", 1)[0] if "." in module else module
    return f"{package}.views"


def load_views(sector: Sector) -> ModuleType | None:
    name = views_module_name(sector)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None  # this sector has no Qt half: fine
        log.exception("views of sector %r failed to import; skipped", sector.id)
    except Exception:
        log.exception("views of sector %r failed to import; skipped", sector.id)
    return None


@dataclass(slots=True)
class SectorContribution:
    sector: Sector
    pages: list[QWidget] = field(default_factory=list)
    forms: list[QWidget] = field(default_factory=list)
    settings_pages: list[QWidget] = field(default_factory=list)
    reports: list[Any] = field(default_factory=list)


def _call(module: ModuleType, fn: str, sector_id: str, *args) -> list:
    f = getattr(module, fn, None)
    if f is None:
        return []
    try:
        return list(f(*args))
    except Exception:
        log.exception("sector %r: %s() failed; skipped", sector_id, fn)
        return []


def contributions(sectors: dict[str, Sector], enabled: list[str],
                  shell: Any) -> list[SectorContribution]:
    """Build the widgets each enabled sector contributes, in the config's order."""
    out = []
    for sid in enabled:
        sector = sectors.get(sid)
        if sector is None:
            continue
        module = load_views(sector)
        c = SectorContribution(sector)
        if module is not None:
            c.pages = _call(module, "pages", sid, shell)
            c.forms = _call(module, "forms", sid, shell)
            c.settings_pages = _call(module, "settings_pages", sid, shell)
            c.reports = _call(module, "reports", sid)
        out.append(c)
    return out
