"""The record-integrity statement every report and the readiness check print.

One wording for the CLI, the Reports page and the HACCP pages: the Korean text is printed
as it is on Korean PDFs, so it carries no English (renderers in English word it from
`ok` themselves).
"""

from __future__ import annotations

import re
from pathlib import Path

from deungdae.records.audit import verify_database
from deungdae.records.errors import StoreError


def integrity_statement_for(db_path: Path, data_dir: Path | None = None) -> tuple[bool, str]:
    """Whether the record's hash chain verifies now, and the line that says so."""
    try:
        report = verify_database(db_path, data_dir)
    except StoreError as exc:
        return False, f"검증 불가 (cannot verify): {exc}"
    if report.ok:
        head = report.head or {}
        return True, (f"해시 체인 검증 통과 — 생성 시점에 위·변조 없음 (봉인 항목 "
                      f"{report.entries:,}건, 측정값 {report.readings:,}건, 마지막 항목 "
                      f"#{head.get('seq')} {str(head.get('mac', ''))[:16]})")
    first = "; ".join(str(p) for p in report.problems[:3])
    return False, f"위·변조 또는 손상 발견 (RECORD DAMAGED): {first}"


_OK = re.compile(r"봉인 항목 ([\d,]+)건, 측정값 ([\d,]+)건, 마지막 항목 (#\S*) ?(\S*)\)")


def integrity_in(integrity: tuple[bool, str], lang: str) -> str:
    """The statement in `lang`: as made for Korean pages; worded from it for English ones,
    with the same figures (sealed entries, readings, the chain's head)."""
    ok, text = integrity
    if not lang.startswith("en"):
        return text
    if ok:
        m = _OK.search(text)
        head = " ".join(x for x in (m.group(3), m.group(4)) if x) if m else ""
        figures = (f" ({m.group(1)} sealed entries, {m.group(2)} readings, last entry "
                   f"{head})" if m else "")
        return "hash chain verified — no alteration found when this report was made" + figures
    detail = text.split(":", 1)[1].strip() if ":" in text else ""
    if text.startswith("검증 불가"):
        return "cannot verify the record" + (f": {detail}" if detail else "")
    return "ALTERATION OR DAMAGE FOUND (RECORD DAMAGED)" + (f": {detail}" if detail else "")
