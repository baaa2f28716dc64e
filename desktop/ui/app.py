"""Start the GUI: the application, the theme, the language, the wizard if need be, the window.

`has_display()` decides whether a window can be opened at all; the CLI falls back to the
headless logger when it cannot.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.engine import config as site_config
from desktop.engine.engine import Engine
from desktop.paths import config_path
from desktop.ui import theme
from desktop.ui.i18n import Translations, system_language
from hardware.clock import Clock, RealClock, ScaledClock
from sectors.contract import discover


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    if not app.property("deungdae_themed"):
        app.setApplicationName("Deungdae")
        app.setOrganizationName("Deungdae")
        app.setApplicationDisplayName("Deungdae 등대")
        theme.apply(app)
        app.setProperty("deungdae_themed", True)
    return app


def ui_settings(root: Path) -> QSettings:
    return QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat)


def build_window(root: Path, clock: Clock | None = None, translations: Translations | None = None):
    """The main window on the site in `root`, engine opened but not yet running."""
    from desktop.ui.main_window import MainWindow

    sectors = discover()
    cfg = site_config.load(config_path(root), sectors)
    engine = Engine(root, cfg, clock or RealClock(), sectors)
    engine.open()
    try:
        return MainWindow(engine, sectors, translations, ui_settings(root))
    except BaseException:
        if engine.store is not None:
            engine.store.close()
        raise


def run_gui(root: Path, *, speed: float | None = None, seconds: float | None = None) -> int:
    app = application()
    settings = ui_settings(root)
    translations = Translations()
    translations.set_language(str(settings.value("language", system_language())))
    if not config_path(root).exists():
        from desktop.ui.wizard import SetupWizard

        wizard = SetupWizard(root, translations)
        if not wizard.exec():
            return 1
    window = build_window(root, ScaledClock(speed) if speed else None, translations)
    window.show()
    window.start(seconds)
    if seconds is not None:
        window.engine_thread.stopped.connect(lambda _e: window.quit())
    # With "keep recording in the tray" the window hides instead of closing; the app ends
    # only when the window really closes.
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    code = app.exec()
    window.shutdown()
    return code
