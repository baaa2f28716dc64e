"""One window per data dir, for people: a second start brings the first to the front, and a
record held by the windowless logger is explained in a dialog in the user's language."""

from __future__ import annotations

import os
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from deungdae.desktop.cli.site_commands import init_site
from deungdae.desktop.ui import app as app_mod
from deungdae.records.store import Store


def test_a_second_start_brings_the_running_window_forward(qtbot, tmp_path, python):
    root = tmp_path / "plant"
    init_site(root, "demo")
    running = QMainWindow()
    qtbot.addWidget(running)
    instance = app_mod.SingleInstance(root)
    assert instance.listen()
    instance.activate_requested.connect(lambda: app_mod.bring_to_front(running))
    running.show()
    running.showMinimized()
    running.hide()  # e.g. in the tray
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    second = subprocess.Popen([python, "-m", "deungdae.desktop.cli.main", "--data-dir", str(root)],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=60_000)
        out, err = second.communicate()
    finally:
        if second.poll() is None:
            second.kill()
        instance.close()
    assert second.returncode == 0, err
    assert "already open" in err and "Traceback" not in err
    assert running.isVisible()
    assert not running.windowState() & Qt.WindowState.WindowMinimized


def test_another_data_dir_is_another_instance(tmp_path):
    a, b = app_mod.instance_name(tmp_path / "a"), app_mod.instance_name(tmp_path / "b")
    assert a != b and a == app_mod.instance_name(tmp_path / "a" / ".." / "a")


def test_nobody_answering_means_not_running(qtbot, tmp_path):
    assert not app_mod.SingleInstance(tmp_path / "x").ask_running(timeout_ms=500)


def test_the_headless_logger_holding_the_record_is_said_in_korean(qtbot, tmp_path,
                                                                  monkeypatch):
    root = tmp_path / "plant"
    init_site(root, "demo")
    (root / "ui.ini").write_text("[General]\nlanguage=ko\n", encoding="utf-8")
    shown: list[tuple[str, str]] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    logger = Store.open_writer(root / "deungdae.db")  # what `run --headless` holds
    try:
        code = app_mod.run_gui(root)
    finally:
        logger.close()
        app_mod.Translations().set_language("en")
    assert code == 3
    (title, text), = shown
    assert title == "등대가 이미 실행 중입니다"
    assert "이미 이 데이터 폴더에 기록하고 있습니다" in text and str(root) in text


def test_the_window_paints_first_then_opens_the_record(qtbot, tmp_path, monkeypatch):
    root = tmp_path / "plant"
    init_site(root, "demo")
    seen: list[str] = []
    real_build = app_mod.build_window

    def build(*a, **kw):
        opening = [w for w in app_mod.QApplication.topLevelWidgets()
                   if isinstance(w, app_mod.OpeningWindow) and w.isVisible()]
        seen.append(f"{len(opening)} opening, painted={opening[0]._painted}")
        window = real_build(*a, **kw)
        app_mod.QTimer.singleShot(0, window.quit)
        return window

    monkeypatch.setattr(app_mod, "build_window", build)
    assert app_mod.run_gui(root) == 0
    assert seen == ["1 opening, painted=True"]
