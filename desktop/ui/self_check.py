"""The Qt half of `deungdae self-test`: translations and the main window, offscreen.

Kept in the UI package so the CLI stays Qt-free (the import contracts); each function
returns a one-line detail or raises `SelfCheckFailed` with the reason.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from deungdae.desktop.ui.app import application, build_window
from deungdae.desktop.ui.i18n import Translations


class SelfCheckFailed(Exception):
    pass


def translations() -> str:
    application()
    t = Translations()
    if not t.set_language("ko"):
        raise SelfCheckFailed("no Korean catalogue (deungdae_ko.qm) could be loaded")
    got = QCoreApplication.translate("MainWindow", "Overview")
    if got == "Overview":
        raise SelfCheckFailed("the Korean catalogue loaded but does not translate")
    if not t.qt_loaded:
        raise SelfCheckFailed("Qt's own Korean catalogue (qtbase_ko.qm) was not found")
    t.set_language("en")
    return f"Korean: 'Overview' -> '{got}', Qt's qtbase_ko loaded"


def window(site: Path) -> str:
    app = application()
    win = build_window(site)
    try:
        win.resize(1024, 700)
        win.show()
        app.processEvents()
        shot = win.grab()
        if shot.isNull() or shot.width() < 100:
            raise SelfCheckFailed("the window did not render")
        pages = len(getattr(win, "pages", ()))
    finally:
        win.shutdown()
        win.deleteLater()
        app.processEvents()
    return (f"main window rendered offscreen ({shot.width()}x{shot.height()}"
            + (f", {pages} pages" if pages else "") + ")")
