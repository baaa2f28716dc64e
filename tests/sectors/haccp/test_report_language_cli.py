"""`deungdae report --lang`: the same record as a Korean and as an English PDF."""

from __future__ import annotations

from pathlib import Path

from deungdae.desktop.cli.main import main
from tests.sectors.haccp.test_reports import _text, handled_day  # noqa: F401 (fixture)


def test_daily_log_in_english_and_korean_from_the_cli(handled_day: Path, capsys) -> None:  # noqa: F811
    texts = {}
    for lang in ("en", "ko"):
        out = handled_day / f"daily-{lang}.pdf"
        assert main(["--data-dir", str(handled_day), "report", "haccp-daily", "--date",
                     "2025-11-25", "--lang", lang, "-o", str(out)]) == 0
        texts[lang] = _text(out)
    assert "CCP 모니터링 일지" in texts["ko"] and "CCP 모니터링 일지" not in texts["en"]
    assert "Prepared" in texts["en"] and "Record integrity" in texts["en"]
    assert "봉인 항목" in texts["ko"] and "record intact" not in texts["ko"]
    assert "작성" in texts["ko"] and "작성" not in texts["en"]


def test_an_unknown_language_is_one_line(handled_day: Path, capsys) -> None:  # noqa: F811
    try:
        main(["--data-dir", str(handled_day), "report", "haccp-daily", "--lang", "fr"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "invalid choice" in capsys.readouterr().err
