"""The day's log signed in the window: 작성 by the operator, 검토 and 승인 by the manager,
each with their password; the PDF made from the window carries the three signatures, and
a later change to that day's records (a late acknowledgement of its deviation) shows them
VOID on screen and on paper.

The plant clock starts at 23:40 on 2025-11-25 (Asia/Seoul) and runs 120x: the cream room's
door opens at once, the deviation opens before midnight, and the day is over (signable)
after ten seconds of real time.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from deungdae.desktop.ui import record_dialogs
from deungdae.hardware.clock import ScaledClock
from deungdae.records.store import Store
from tests.conftest import T0
from tests.desktop.ui.conftest import (  # noqa: F401 (fixture)
    USERS,
    add_record_users,
    fast_argon2,
    log_in,
    shoot,
)
from tests.sectors.haccp.test_views import bakery_site, deviation_of, haccp_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
DAY_END = T0 + 23 * 3_600_000  # 2025-11-26 00:00 KST
START = DAY_END - 20 * 60_000


@pytest.fixture
def late_window(qtbot, data_dir: Path, fast_argon2):  # noqa: F811 (the fixture)
    from deungdae.desktop.ui.app import application, build_window
    from deungdae.desktop.ui.i18n import Translations

    application()
    made = []

    def make(language: str):
        data_dir.mkdir(parents=True, exist_ok=True)
        (data_dir / "site.toml").write_text(bakery_site(), encoding="utf-8")
        add_record_users(data_dir, USERS)
        tr = Translations()
        tr.set_language(language)
        w = build_window(data_dir, ScaledClock(120, start_ms=START), tr)
        made.append(w)
        qtbot.addWidget(w)
        w.resize(1366, 820)
        w.show()
        w.start()
        return w

    yield make
    for w in made:
        w.shutdown()
        w.translations.set_language("en")


def _text(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())


@pytest.mark.parametrize("language", ["en", "ko"])
def test_team_leader_signs_the_day_and_a_later_change_voids_it(late_window, qtbot,
                                                               monkeypatch, language) -> None:
    w = late_window(language)
    pages = haccp_pages(w)
    page = pages["approval"]
    dev_page = pages["deviations"]
    w.show_page(page)
    page.day.setDate(QDate(2025, 11, 25))
    qtbot.waitUntil(lambda: deviation_of(dev_page, "CCP-3C") is not None, timeout=15000)
    dev = deviation_of(dev_page, "CCP-3C")
    assert dev.event.ts < DAY_END
    qtbot.waitUntil(lambda: w.now_ms() > DAY_END + 30_000, timeout=15000)

    secret = {}

    def sign(dialog) -> int:
        assert not dialog.meaning.isEnabled()
        secret["meaning"] = dialog.meaning.currentData()
        dialog.secret.setText(secret["pin"])
        return 1

    monkeypatch.setattr(record_dialogs.SignOffDialog, "exec", sign)
    buttons = {m: row[2] for m, row in page.rows.items()}
    assert not buttons["reviewed"].isEnabled() and not buttons["approved"].isEnabled()

    def click(meaning: str, login: str, pin: str | None = None) -> None:
        log_in(w, login)
        secret["pin"] = pin or USERS[login][2]
        before = page.status.text()
        buttons[meaning].click()
        qtbot.waitUntil(lambda: page.status.text() != before, timeout=5000)
        assert secret["meaning"] == meaning

    click("performed", "kim")
    qtbot.waitUntil(lambda: buttons["reviewed"].isEnabled(), timeout=5000)
    click("reviewed", "kim")  # an operator may not review
    assert page.status.text().startswith("✘")
    click("reviewed", "park", "0000")  # a wrong password signs nothing
    assert page.status.text().startswith("✘")
    assert [s.meaning for s in page.signatures] == ["performed"]
    click("reviewed", "park")
    qtbot.waitUntil(lambda: buttons["approved"].isEnabled(), timeout=5000)
    page.memo.setText("cream door: product held")
    click("approved", "park")
    qtbot.waitUntil(lambda: len(page.signatures) == 3, timeout=5000)
    assert all(s.valid for s in page.signatures)
    assert not any(b.isEnabled() for b in buttons.values())
    who = {m: row[1].text() for m, row in page.rows.items()}
    assert who["performed"].startswith("✔ Kim Operator (kim), ")
    assert who["approved"].startswith("✔ Park Manager (park), ")
    assert who["approved"].split(", ")[-1].endswith("KST")  # the site's zone
    shoot(w, f"haccp_approval_signed_{language}")

    def make_pdf() -> str:
        page.made = None
        page.make.click()
        qtbot.waitUntil(lambda: page.made is not None, timeout=20000)
        return _text(page.made)

    page.pdf_language.setCurrentIndex(page.pdf_language.findData(language))
    text = make_pdf()
    assert text.count("Park Manager") >= 2 and "Kim Operator" in text
    void = "VOID" if language == "en" else "무효"
    assert void not in text
    assert "cream door: product held" in text

    # a later change of that day's records: its deviation acknowledged the next day
    w.show_page(dev_page)
    qtbot.waitUntil(lambda: dev_page.select_deviation(dev.event.id), timeout=5000)
    log_in(w, "kim")
    dev_page.ack.click()
    w.show_page(page)
    qtbot.waitUntil(lambda: len(page.signatures) == 3 and
                    not any(s.valid for s in page.signatures), timeout=8000)
    who = {m: row[1].text() for m, row in page.rows.items()}
    assert all(t.startswith("✘ ") for t in who.values()), who
    assert buttons["performed"].isEnabled()  # the day may be signed again, from the start
    shoot(w, f"haccp_approval_void_{language}")
    text = make_pdf()
    assert text.count(void) >= 3, text[:3000]
    shutil.copy(page.made, Path(__file__).resolve().parents[3] / "test-output" /
                f"haccp_approval_void_{language}.pdf")
    w.shutdown()
    with Store.open_reader(w.db_path) as s:
        rows = s.query("SELECT login, meaning FROM signature ORDER BY id")
    assert rows == [("kim", "performed"), ("park", "reviewed"), ("park", "approved")]
