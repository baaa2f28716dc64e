"""A bundle ships compiled catalogues and no lrelease: an older-looking .qm is still used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from deungdae.desktop.ui import i18n


def test_a_shipped_qm_is_used_when_it_cannot_be_rebuilt(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        caplog) -> None:
    ts, qm = tmp_path / "deungdae_ko.ts", tmp_path / "deungdae_ko.qm"
    qm.write_bytes(b"compiled")
    ts.write_text("<TS/>", encoding="utf-8")
    os.utime(qm, (1_000_000, 1_000_000))  # copied before the .ts, as an installer may do
    monkeypatch.setattr(i18n, "_lrelease", lambda: None)
    assert i18n.compile_translations(tmp_path) == [qm]
    assert "not compiled" not in caplog.text


def test_no_catalogue_and_no_tool_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          caplog) -> None:
    (tmp_path / "deungdae_ko.ts").write_text("<TS/>", encoding="utf-8")
    monkeypatch.setattr(i18n, "_lrelease", lambda: None)
    assert i18n.compile_translations(tmp_path) == []
    assert "not compiled" in caplog.text
