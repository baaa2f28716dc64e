"""Every HACCP template names its site, devices, channels and CCPs in both languages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from deungdae.sectors.api.names import local_name

TEMPLATES = sorted((Path(__file__).resolve().parents[3] / "sectors" / "haccp" /
                    "templates").glob("*.toml"))
HANGUL = re.compile("[\uac00-\ud7a3]")
# what a Korean floor reads as is: CCP ids, units, pH, HTST, Fe/SUS, the "OO" placeholder
KEPT = re.compile(r"CCP-\w+|HTST|pH|°C|OO|Fe|SUS|mm")


def _names(site: dict) -> list[str]:
    names = [site["site"]["name"]]
    names += [d.get("name", d["id"]) for d in site.get("devices", [])]
    names += [c.get("name", c["id"]) for c in site.get("channels", [])]
    names += [c["name"] for c in site["sectors"]["haccp"]["ccps"]]
    names += [c["method"] for c in site["sectors"]["haccp"]["ccps"] if "method" in c]
    return names


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_names_show_in_korean_and_in_english(path: Path) -> None:
    site = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = {f"{d['id']}.{p}" for d in site["devices"] for p in d.get("points", {})}
    assert keys <= {c["id"] for c in site.get("channels", [])}  # each channel has a name
    for name in _names(site):
        ko, en = local_name(name, "ko"), local_name(name, "en")
        assert ko != en, name
        assert not re.search("[A-Za-z]{2,}", KEPT.sub("", ko)), (name, ko)
        assert not HANGUL.search(en), (name, en)
