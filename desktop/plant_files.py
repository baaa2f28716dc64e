"""A plant's own device profiles and site templates, kept in its data dir.

`<data dir>/devices/*.toml` are device profiles and `<data dir>/templates/*.toml` site
templates, used beside the shipped ones (and winning over a shipped one of the same
name), so a plant or its integrator adds a device or a reference model without touching
the install, and an upgrade of the program never overwrites them.
"""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

from deungdae.sectors.contract import Sector, Template, all_templates, templates_in

PROFILES = "devices"
TEMPLATES = "templates"


def profile_dir(root: Path) -> Path:
    return Path(root) / PROFILES


def template_dir(root: Path) -> Path:
    return Path(root) / TEMPLATES


def _sector_of(path: Path) -> str:
    """The first sector a template's `[site] sectors` names ("" when it names none)."""
    try:
        site = tomllib.loads(path.read_text(encoding="utf-8")).get("site", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ""  # `init --template` reports what is wrong, with the line
    names = site.get("sectors") if isinstance(site, dict) else None
    return names[0] if isinstance(names, list) and names and isinstance(names[0], str) else ""


def plant_templates(root: Path) -> dict[str, Template]:
    folder = template_dir(root)
    if not folder.is_dir():
        return {}
    return {t.name: dataclasses.replace(t, sector=_sector_of(t.path))
            for t in templates_in(folder, "")}


def site_templates(root: Path, sectors: dict[str, Sector] | None = None
                   ) -> dict[str, Template]:
    """The shipped templates of the installed sectors plus the plant's own."""
    return {**all_templates(sectors), **plant_templates(root)}
