"""The host kit: the window is a `SectorHost`, writes go through a public door, the
incident dialog stores keys and values (the same whatever the window's language), and
no sector module reaches the desktop except through the kit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from deungdae.desktop.ui import kit
from deungdae.desktop.ui.i18n import Translations
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api.kinds import Choice, IncidentField
from deungdae.sectors.haccp.plugin import DEVIATION_FIELDS
from tests.desktop.ui.conftest import fast_argon2, make_main_window  # noqa: F401

ROOT = Path(__file__).resolve().parents[3]
HOST_MEMBERS = ("readings_arrived", "events_arrived", "recorded", "incidents_changed", "tz",
                "db_path", "root", "site_config", "language", "user", "now_ms",
                "require_user", "channel_view", "channels", "read", "write", "open_incidents",
                "set_badge", "sign_with")


def test_the_main_window_is_a_sector_host(make_main_window, qtbot) -> None:  # noqa: F811
    w = make_main_window(start=False)
    assert isinstance(w, kit.SectorHost)
    for name in HOST_MEMBERS:
        assert hasattr(w, name), name
    assert w.site_config["site"]["name"] == "Test plant"
    assert w.language == "en" and w.user is None
    assert w.channel_view("fridge.temp").unit == "°C" and w.channel_view("nope") is None
    assert [c.key for c in w.channels()] == ["fridge.temp", "fridge.door", "oven.core"]
    got = []
    assert w.read(lambda store: store.path.name, got.append)
    qtbot.waitUntil(lambda: got == ["deungdae.db"], timeout=10_000)


def test_writes_are_announced_and_failures_said(make_main_window, qtbot) -> None:  # noqa: F811
    w = make_main_window(speed=1)
    recorded, failed, finished, done = [], [], [], []
    w.recorded.connect(recorded.append)
    w.records.failed.disconnect()  # the window's "Not recorded" box would block the test
    w.records.failed.connect(failed.append)
    ev = NewEvent(ts=w.now_ms(), kind="manual.entry", channel="fridge.temp", user="kim",
                  message="kit test", data={"note": "x"})
    assert w.write(lambda writer: writer.append(ev).id, done.append, finished.append)
    qtbot.waitUntil(lambda: finished == [True], timeout=10_000)
    (row,) = [r for r in recorded if r.message == "kit test"]
    assert done == [row.id] and failed == []
    w.engine.flush()
    with Store.open_reader(w.db_path) as s:
        (stored,) = s.events(kinds=("manual.entry",), ids=(row.id,))
    assert (stored.user, stored.data) == ("kim", {"note": "x"})

    def boom(_writer):
        raise OSError("disk full")

    w.write(boom, done.append, finished.append)
    qtbot.waitUntil(lambda: len(finished) == 2, timeout=10_000)
    assert finished[1] is False and failed == ["OSError: disk full"] and len(done) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_action_dialog_stores_keys_not_labels(qtbot, lang: str) -> None:
    dlg = kit.CorrectiveActionDialog("CCP-3C", None, fields=DEVIATION_FIELDS, lang=lang)
    qtbot.addWidget(dlg)
    combo = dlg.inputs["disposition"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == (["보류", "재가공", "폐기", "출고"] if lang == "ko"
                      else ["Hold", "Rework", "Discard", "Release"])
    dlg.inputs["cause"].setText("door open")
    dlg.inputs["action"].setPlainText("door closed")
    combo.setCurrentIndex(combo.findData("discard"))
    # what the row stores is the same in a Korean and an English window
    assert dlg.values() == {"cause": "door open", "action": "door closed",
                            "disposition": "discard"}


def test_the_action_dialog_asks_for_what_is_missing_in_its_language(qtbot) -> None:
    fields = (IncidentField("cause", "text", "Cause", "원인"),
              IncidentField("checked", "bool", "Product checked", "제품 확인"),
              IncidentField("temp", "number", "Core temperature", "중심온도"),
              IncidentField("lot", "choice", "Lot", "로트", choices=(Choice("a", "A", "가"),)),
              IncidentField("note", "text", "Note", "메모", required=False))
    dlg = kit.CorrectiveActionDialog("x", None, fields=fields, lang="en")
    qtbot.addWidget(dlg)
    dlg.accept()
    assert dlg.result() == 0 and dlg.problem.text() == "Enter the cause."
    dlg.inputs["cause"].setText("probe")
    dlg.inputs["checked"].setChecked(True)
    dlg.inputs["temp"].setValue(71.5)
    assert dlg.values() == {"cause": "probe", "checked": True, "temp": 71.5, "lot": "a",
                            "note": ""}
    dlg.accept()
    assert dlg.result() == 1


def test_ui_language_follows_the_translations(qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    assert QApplication.instance() is not None
    tr = Translations()
    try:
        tr.set_language("ko")
        assert kit.ui_language() == "ko"
    finally:
        tr.set_language("en")
    assert kit.ui_language() == "en"


def _desktop_imports(path: Path) -> list[str]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        out += [n for n in names if n.startswith("deungdae.desktop")]
    return out


def test_sector_views_import_only_the_kit() -> None:
    views = [p for p in (ROOT / "sectors").rglob("*.py")
             if "views" in p.relative_to(ROOT / "sectors").parts
             or p.stem == "views"]
    assert ROOT / "sectors" / "haccp" / "views.py" in views
    for p in views:
        assert set(_desktop_imports(p)) <= {"deungdae.desktop.ui.kit"}, p
    for p in (ROOT / "sectors").rglob("*.py"):
        if p not in views:
            assert _desktop_imports(p) == [], p


def test_the_import_contracts_hold() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "lint_imports.py")],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("sectors reach the desktop only through the host kit KEPT",
                 "Qt-free sector modules import no desktop and no Qt KEPT",
                 "no Qt-free sector module imports a sector's views KEPT"):
        assert name in run.stdout, run.stdout


def test_a_background_result_never_arrives_inside_submit(qtbot) -> None:
    """Even a job done before `submit` returns hands its result over later, in the GUI
    thread's event loop (callers disable a button after submitting)."""
    import threading

    jobs = kit.Background(None, "test")
    got, gate = [], threading.Event()

    def job() -> int:
        gate.set()
        return 1

    fut = jobs.submit(job, got.append)
    gate.wait(5)
    fut.result(5)  # finished: a callback added now would run at once
    jobs.submit(lambda: 2, got.append).result(5)
    assert got == []  # nothing delivered while the GUI thread was busy here
    qtbot.waitUntil(lambda: got == [1, 2], timeout=5000)
    jobs.close()


def test_a_sector_page_sets_a_badge_on_its_entry(make_main_window) -> None:  # noqa: F811
    w = make_main_window(start=False)
    page = w.events_page
    row = w.pages.index(page)
    base = w.nav.item(row).text()
    w.set_badge(page, 3, "warning")
    assert w.nav.item(row).text() == base + "   ● 3"
    w.set_badge(page, 2, "critical")
    assert w.nav.item(row).text() == base + "   ▲ 2" and w.nav.item(row).font().bold()
    w.set_badge(page, 0)
    assert w.nav.item(row).text() == base


def test_a_sectors_event_kind_is_shown_by_its_declared_title(qtbot) -> None:
    from deungdae.desktop.ui.display_format import kind_text

    tr = Translations()
    assert kind_text("haccp.verify") == "Deviation verified (e-signature)"
    assert kind_text("alarm.start") == "Deviation"  # the shell's own words stay
    try:
        tr.set_language("ko")
        assert kind_text("haccp.verify") == "이탈 검증 (전자서명)"
        assert kind_text("haccp.deviation") == "CCP 이탈"
    finally:
        tr.set_language("en")
    assert kind_text("unknown.kind") == "unknown.kind"
