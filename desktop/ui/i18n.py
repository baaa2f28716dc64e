"""Korean and English through Qt's translation system.

The `.ts` sources are package data in `resources/i18n`; `.qm` files are build output (not
committed): `make venv` and the wheel and bundle builds compile them, and the app compiles
any that are missing or older than their source at start (into the user cache when the
install is read-only), so a fresh checkout shows Korean without a build step.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from deungdae.resources import folder as shipped_folder

log = logging.getLogger(__name__)

I18N_DIR = shipped_folder("i18n")
LANGUAGES = {"en": "English", "ko": "한국어"}
DEFAULT = "en"


def system_language() -> str:
    name = QLocale.system().name()  # e.g. "ko_KR"
    return "ko" if name.startswith("ko") else DEFAULT


def _lrelease() -> list[str] | None:
    exe = Path(sys.executable).with_name("pyside6-lrelease")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    try:
        import PySide6

        tool = Path(PySide6.__file__).with_name("lrelease")
        if tool.exists():
            return [str(tool)]
    except ImportError:
        pass
    return None


def compile_translations(src_dir: Path = I18N_DIR, out_dir: Path | None = None) -> list[Path]:
    """Compile every `.ts` whose `.qm` is missing or stale; returns the `.qm` files."""
    out_dir = out_dir or src_dir
    tool = _lrelease()
    out: list[Path] = []
    for ts in sorted(src_dir.glob("*.ts")):
        qm = out_dir / ts.with_suffix(".qm").name
        if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            if tool is None:
                if qm.exists():  # shipped compiled (a bundle copies files in any order)
                    out.append(qm)
                else:
                    log.warning("pyside6-lrelease not found; %s not compiled", ts.name)
                continue
            try:
                out_dir.mkdir(parents=True, exist_ok=True)
                subprocess.run([*tool, "-silent", str(ts), "-qm", str(qm)], check=True,
                               capture_output=True, timeout=60)
            except (OSError, subprocess.SubprocessError) as exc:
                log.warning("compiling %s failed: %s", ts.name, exc)
                continue
        out.append(qm)
    return out


def qm_file(lang: str) -> Path | None:
    """The compiled catalogue for `lang`, compiling it (into a cache if need be) first."""
    name = f"deungdae_{lang}.qm"
    for folder in (I18N_DIR, Path(user_cache_dir("Deungdae", "Deungdae")) / "i18n"):
        try:
            compile_translations(I18N_DIR, folder)
        except OSError:
            continue
        if (folder / name).exists():
            return folder / name
    return None


def qt_translation_dirs() -> list[Path]:
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), I18N_DIR]


class Translations:
    """Installs our catalogue and Qt's own (dialog buttons, etc.) for one language."""

    def __init__(self) -> None:
        self.language = DEFAULT
        self._installed: list[QTranslator] = []
        self.qt_loaded = False  # Qt's own catalogue (dialog buttons) for the language

    def set_language(self, lang: str) -> bool:
        """Switch the catalogues; False if none was found (English is then shown).

        Widgets that outlive a switch rebuild their text on the shell's `language_changed`.
        """
        app = QCoreApplication.instance()
        for t in self._installed:
            app.removeTranslator(t)
        self._installed.clear()
        self.qt_loaded = False
        self.language = lang if lang in LANGUAGES else DEFAULT
        QLocale.setDefault(QLocale(QLocale.Language.Korean if self.language == "ko"
                                   else QLocale.Language.English))
        if self.language == "en":
            return True  # source strings are English
        ok = False
        qt = QTranslator()
        # Qt's own catalogue: where Qt keeps it, else the copy a bundle ships beside ours
        if any(qt.load(f"qtbase_{self.language}", str(where)) for where in qt_translation_dirs()):
            app.installTranslator(qt)
            self._installed.append(qt)
            self.qt_loaded = True
        ours = QTranslator()
        qm = qm_file(self.language)
        if qm is not None and ours.load(str(qm)):
            app.installTranslator(ours)
            self._installed.append(ours)
            ok = True
        else:
            log.warning("no translation catalogue for %s; showing English", self.language)
        return ok


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)
