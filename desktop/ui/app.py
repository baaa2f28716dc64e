"""Start the GUI: the application, the theme, the language, the wizard if need be, the window.

Start-up order, so a person sees something at once: a light "opening the record" window
paints first (Qt and this module only), then the record, the engine, the sectors and the
main window are imported and opened, and the main window takes its place. One window per
data dir: a second start asks the running one (QLocalServer, named after the data dir) to
come to the front and ends; when the record is held by a logger that has no window (the
headless service), a dialog in the user's language says so and where.

`has_display()` decides whether a window can be opened at all; the CLI falls back to the
headless logger when it cannot.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from deungdae.desktop.paths import config_path, db_path
from deungdae.desktop.ui import gui_gc, theme
from deungdae.desktop.ui.i18n import Translations, system_language
from deungdae.resources import folder as shipped_folder


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
    gui_gc.install(app)  # cycles holding widgets are never collected on a worker thread
    if not app.property("deungdae_themed"):
        app.setApplicationName("Deungdae")
        app.setOrganizationName("Deungdae")
        app.setApplicationDisplayName("Deungdae 등대")
        icon = QIcon(str(shipped_folder("icons") / "deungdae.svg"))
        if not icon.isNull():
            app.setWindowIcon(icon)
        theme.apply(app)
        app.setProperty("deungdae_themed", True)
    return app


def ui_settings(root: Path) -> QSettings:
    return QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat)


def build_window(root: Path, clock=None, translations: Translations | None = None):
    """The main window on the site in `root`, engine opened but not yet running."""
    from deungdae.desktop.engine import config as site_config
    from deungdae.desktop.engine.engine import Engine
    from deungdae.desktop.ui.main_window import MainWindow
    from deungdae.hardware.clock import RealClock
    from deungdae.sectors.contract import discover

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


def instance_name(root: Path) -> str:
    """The local socket name of the window on data dir `root` (one per user and dir)."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or ""
    digest = hashlib.sha256(f"{user}\0{Path(root).resolve()}".encode()).hexdigest()[:16]
    return f"deungdae-{digest}"


class SingleInstance(QObject):
    """The running window's end of "is Deungdae already open on this data dir?"."""

    activate_requested = Signal()

    def __init__(self, root: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_name(root)
        self.server: QLocalServer | None = None

    def ask_running(self, timeout_ms: int = 3000) -> bool:
        """True when a window already runs on this data dir; it was asked to come forward."""
        sock = QLocalSocket()
        sock.connectToServer(self.name)
        if not sock.waitForConnected(timeout_ms):
            return False
        sock.write(b"raise\n")
        sock.flush()
        answered = sock.waitForReadyRead(timeout_ms) and bytes(sock.readAll()).startswith(b"ok")
        sock.disconnectFromServer()
        return answered

    def listen(self) -> bool:
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.name):
            # a socket left by a crashed instance: nobody answered on it (ask_running)
            QLocalServer.removeServer(self.name)
            if not self.server.listen(self.name):
                return False
        self.server.newConnection.connect(self._on_connection)
        return True

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: self._on_request(s))

    def _on_request(self, sock: QLocalSocket) -> None:
        if bytes(sock.readAll()).startswith(b"raise"):
            self.activate_requested.emit()
            sock.write(b"ok\n")
            sock.flush()
        sock.disconnectFromServer()

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None


def bring_to_front(window: QMainWindow) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()  # also out of the tray
    window.raise_()
    window.activateWindow()


def already_running_box(root: Path, detail: str = "") -> QMessageBox:
    """Said instead of a blank window when another Deungdae records into `root`."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("Startup", "Deungdae is already running"),
        QCoreApplication.translate(
            "Startup", "Deungdae is already recording into this data dir:\n%1\n\nIt may "
            "be the background logger (no window) or Deungdae started by another user. Use "
            "that one, or stop it first.").replace("%1", str(root)))
    if detail:
        box.setDetailedText(detail)
    return box


def cannot_open_box(root: Path, error: str) -> QMessageBox:
    return QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("Startup", "Deungdae cannot open the record"),
        QCoreApplication.translate("Startup", "The record in %1 cannot be opened:\n\n%2")
        .replace("%1", str(root)).replace("%2", error))


class OpeningWindow(QMainWindow):
    """What paints at once: the record is opened a moment later, and says so."""

    painted = Signal()

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.setWindowTitle("Deungdae 등대")
        self.label = QLabel(QCoreApplication.translate("Startup", "Opening the record…")
                            + f"\n{root}")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self.label)
        screen = self.screen().availableGeometry() if self.screen() else None
        self.resize(min(1366, screen.width()) if screen else 1366,
                    min(820, screen.height() - 40) if screen else 820)
        self._painted = False
        self.installEventFilter(self)
        self.label.installEventFilter(self)

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:  # noqa: N802 (Qt API)
        if ev.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.painted.emit)  # after this paint reached the screen
        return False


def run_gui(root: Path, *, speed: float | None = None, seconds: float | None = None) -> int:
    app = application()
    settings = ui_settings(root)
    translations = Translations()
    translations.set_language(str(settings.value("language", system_language())))
    instance = SingleInstance(root)
    if instance.ask_running():
        print(f"Deungdae is already open on {root}: brought that window to the front",
              file=sys.stderr)
        return 0
    if not config_path(root).exists():
        from deungdae.desktop.ui.wizard import SetupWizard

        wizard = SetupWizard(root, translations)
        if not wizard.exec():
            return 1
    instance.listen()
    opening = OpeningWindow(root)
    state: dict = {"code": 0, "window": None}

    def open_record() -> None:
        from deungdae.desktop.engine.config import ConfigError
        from deungdae.desktop.engine.engine import EngineError
        from deungdae.desktop.engine.replay import replay_clock
        from deungdae.records.errors import AlreadyRunning, StoreError

        try:
            clock = replay_clock(db_path(root), speed, seconds).clock if speed else None
            window = build_window(root, clock, translations)
        except AlreadyRunning as exc:
            opening.hide()
            already_running_box(root, str(exc)).exec()
            state["code"] = 3
            app.quit()
            return
        except (StoreError, ConfigError, EngineError, OSError) as exc:
            opening.hide()
            cannot_open_box(root, str(exc)).exec()
            state["code"] = 3 if isinstance(exc, StoreError) else 2
            app.quit()
            return
        state["window"] = window
        window.setGeometry(opening.geometry())
        window.show()
        opening.close()
        window.start(seconds)
        if seconds is not None:
            window.engine_thread.stopped.connect(lambda _e: window.quit())
        instance.activate_requested.connect(lambda: bring_to_front(window))
        window.closed.connect(app.quit)

    opening.painted.connect(open_record)
    # With "keep recording in the tray" the window hides instead of closing; the app ends
    # only when the window really closes.
    app.setQuitOnLastWindowClosed(False)
    opening.show()
    code = app.exec()
    instance.close()
    opening.close()
    opening.deleteLater()
    if state["window"] is not None:
        state["window"].shutdown()
    return state["code"] or code
