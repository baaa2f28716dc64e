"""Find and register a TrueType font that renders Korean, for PDF reports.

Font files are never committed: we look for one on the machine (or one an installer
bundled into `resources/fonts/`) and embed a subset of it in each PDF, so the inspector's
viewer needs no Korean font. reportlab's TTFont takes TrueType outlines only, so CFF
`.otf` files (most Noto Sans CJK) are skipped.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from deungdae.resources import folder as shipped_folder

_BUNDLED = shipped_folder("fonts")
# (regular, bold) candidates in order of preference
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("NanumGothic.ttf", "NanumGothicBold.ttf"),
    ("NanumBarunGothic.ttf", "NanumBarunGothicBold.ttf"),
    ("malgun.ttf", "malgunbd.ttf"),
)
SEARCH_DIRS = (
    _BUNDLED,
    Path("/usr/share/fonts/truetype/nanum"),
    Path("/usr/share/fonts/truetype"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts",
    Path("/Library/Fonts"),
)


class FontMissing(RuntimeError):
    """No TrueType font with Korean glyphs was found; the message says how to get one."""


@dataclass(frozen=True, slots=True)
class ReportFont:
    regular: str
    bold: str
    path: Path


_registered: ReportFont | None = None


def _find(name: str) -> Path | None:
    for d in SEARCH_DIRS:
        p = d / name
        if p.is_file():
            return p
    for d in SEARCH_DIRS[:2]:
        if d.is_dir():
            hit = next(d.rglob(name), None)
            if hit is not None:
                return hit
    return None


def korean_font() -> ReportFont:
    """Register (once) and return the report font names."""
    global _registered
    if _registered is not None:
        return _registered
    explicit = os.environ.get("DEUNGDAE_REPORT_FONT")
    pairs: list[tuple[Path, Path]] = []
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise FontMissing(f"DEUNGDAE_REPORT_FONT={explicit} is not a file")
        pairs.append((p, p))
    for reg, bold in CANDIDATES:
        r = _find(reg)
        if r is not None:
            pairs.append((r, _find(bold) or r))
    for reg_path, bold_path in pairs:
        try:
            pdfmetrics.registerFont(TTFont("Report", str(reg_path)))
            pdfmetrics.registerFont(TTFont("Report-Bold", str(bold_path)))
        except Exception:  # a CFF/OTF or damaged file: try the next one
            continue
        _registered = ReportFont("Report", "Report-Bold", reg_path)
        return _registered
    raise FontMissing(
        "no TrueType font with Korean glyphs found for PDF reports; install one "
        "(Debian/Ubuntu: apt-get install fonts-nanum; Windows has Malgun Gothic) or set "
        "DEUNGDAE_REPORT_FONT to a .ttf file")
