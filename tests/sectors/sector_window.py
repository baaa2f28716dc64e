"""A real main window over a site file on a manual clock, for the sectors' page tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from tests.desktop.ui.conftest import add_record_users


def windows(qtbot, data_dir: Path, start_ms: int, default_text: Callable[[], str]
            ) -> Iterator[Callable[..., object]]:
    """Yields `make(language="en", text=None)`; every window made is shut down after."""
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations
    from deungdae.hardware.clock import ManualClock

    application()
    made = []

    def make(language: str = "en", text: str | None = None):
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "site.toml").write_text(text or default_text(), encoding="utf-8")
        if not made:
            add_record_users(data_dir)
        tr = Translations()
        tr.set_language(language)
        w = build_window(data_dir, ManualClock(start_ms), tr)
        made.append(w)
        qtbot.addWidget(w)
        w.resize(1366, 860)
        w.show()
        return w

    yield make
    for w in made:
        w.shutdown()
        w.engine.close()
        w.translations.set_language("en")
