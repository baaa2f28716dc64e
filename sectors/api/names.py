"""Names written in both languages, shown in one.

A template (or a plant) names a channel, a device, a CCP or a zone as "한국어 (English)":
one string in the config and in the record, so nothing is stored per language. Screens and
reports show the part in the viewer's language; a name that is not written that way (a
plant's own "2번 냉장고", a machine's "M-101") is a proper name and shown as written.
"""

from __future__ import annotations

import re

_HANGUL = re.compile("[\uac00-\ud7a3]")
_PAIR = re.compile(r"^(.*\S)\s*\(([^()]*)\)\s*$")


def local_name(name: str, lang: str) -> str:
    """"오븐 중심온도 (oven core)" → "오븐 중심온도" in Korean, "oven core" in English."""
    m = _PAIR.match(name or "")
    if not m or not _HANGUL.search(m.group(1)) or _HANGUL.search(m.group(2)):
        return name
    return m.group(1) if lang.startswith("ko") else m.group(2)
