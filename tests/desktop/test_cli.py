"""The command line, end to end, as a plant manager would use it."""

from __future__ import annotations

import csv
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deungdae.desktop.cli.main import main
from deungdae.records.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version_and_help(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("deungdae ")


def test_templates_lists_demo_with_its_sector(capsys) -> None:
    code, out, _ = run(capsys, "templates")
    assert code == 0
    assert any(line.split()[:2] == ["demo", "demo"] for line in out.splitlines())


def test_unknown_template_lists_the_known_ones(capsys, data_dir: Path) -> None:
    code, _, err = run(capsys, "init", "--template", "brewery")
    assert code == 2
    assert "unknown template 'brewery'" in err and "demo" in err
    assert not data_dir.exists()


def test_init_run_status_export(capsys, data_dir: Path) -> None:
    assert run(capsys, "init", "--template", "demo")[0] == 0
    # init never overwrites a site config by accident
    code, _, err = run(capsys, "init", "--template", "demo")
    assert code == 2 and "--force" in err
    code, out, _ = run(capsys, "run", "--headless", "--for", "1800", "--speed", "100000")
    assert code == 0
    assert "stopped:" in out
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "coldroom.temperature" in out and "open alarms:" in out
    with Store.open_reader(data_dir / "deungdae.db") as s:
        ch = s.channel_id("oven.core_temp")
        first, last = s.span(ch)
        expected = s.readings(ch, first, last + 1)
    out_file = data_dir / "oven.csv"
    code, _, err = run(capsys, "export", "--channel", "oven.core_temp", "--from", "2000-01-01",
                       "--to", "2100-01-01", "-o", str(out_file))
    assert code == 0, err
    rows = list(csv.DictReader(out_file.open(encoding="utf-8")))
    assert len(rows) == len(expected) > 1000
    assert [float(r["value"]) for r in rows] == [v for _, v, _ in expected]
    assert rows[0]["unit"] == "°C" and rows[0]["quality"] == "simulated"
    assert rows[0]["time"].endswith("+09:00")  # shown in the site's time zone


def test_export_times_respect_offsets_and_site_zone(capsys, data_dir: Path) -> None:
    run(capsys, "init", "--template", "demo")
    run(capsys, "run", "--headless", "--for", "600", "--speed", "100000")
    with Store.open_reader(data_dir / "deungdae.db") as s:
        ch = s.channel_id("coldroom.temperature")
        first, _ = s.span(ch)
    from datetime import UTC, datetime
    start = datetime.fromtimestamp(first / 1000 + 60, UTC)
    # the same instant written in UTC and in Seoul time selects the same rows
    utc = start.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    seoul = start.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Seoul")).strftime(
        "%Y-%m-%dT%H:%M:%S")
    code, out_utc, _ = run(capsys, "export", "--channel", "coldroom.temperature",
                           "--from", utc, "--to", "2100-01-01")
    code2, out_seoul, _ = run(capsys, "export", "--channel", "coldroom.temperature",
                              "--from", seoul, "--to", "2100-01-01")
    assert code == code2 == 0
    assert out_utc == out_seoul
    t_from = int(start.replace(microsecond=0).timestamp() * 1000)
    with Store.open_reader(data_dir / "deungdae.db") as s:
        expected = len(s.readings(ch, t_from, 2**62))
    assert len(list(csv.reader(io.StringIO(out_utc)))) - 1 == expected > 100


def test_export_rejects_bad_times_and_channels(capsys, data_dir: Path) -> None:
    run(capsys, "init", "--template", "demo")
    run(capsys, "run", "--headless", "--for", "5", "--speed", "1000")
    code, _, err = run(capsys, "export", "--channel", "oven.core_temp", "--from", "yesterday",
                       "--to", "2026-01-01")
    assert code == 2 and "not a date or time" in err
    code, _, err = run(capsys, "export", "--channel", "nope", "--from", "2026-01-01",
                       "--to", "2026-01-02")
    assert code == 2 and "unknown channel 'nope'" in err and "oven.core_temp" in err


def test_unwritable_data_dir_gives_one_clear_message(capsys, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--data-dir", str(blocker / "site"), "init", "--template", "demo")
    assert code == 3
    assert err.count("\n") == 1 and "cannot" in err and str(blocker) in err


def test_corrupt_database_is_reported_not_touched(capsys, data_dir: Path) -> None:
    run(capsys, "init", "--template", "demo")
    db = data_dir / "deungdae.db"
    for p in data_dir.glob("deungdae.db-*"):
        p.unlink()
    db.write_bytes(b"\x00garbage" * 1000)
    code, _, err = run(capsys, "run", "--headless", "--for", "10", "--speed", "1000")
    assert code == 3 and "not a Deungdae database" in err
    assert db.read_bytes() == b"\x00garbage" * 1000


def test_speed_is_refused_with_a_real_device(capsys, data_dir: Path) -> None:
    run(capsys, "init", "--template", "demo")
    cfg = data_dir / "site.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        'id = "meter"\nprofile = "simulator"',
        'id = "meter"\nprofile = "sdm120"\nport = "/dev/ttyUSB0"'), encoding="utf-8")
    code, _, err = run(capsys, "run", "--headless", "--for", "10", "--speed", "100")
    assert code == 3 and "needs every device simulated" in err and "meter" in err


def test_second_instance_says_already_running(capsys, data_dir: Path) -> None:
    run(capsys, "init", "--template", "demo")
    with Store.open_writer(data_dir / "deungdae.db"):
        code, _, err = run(capsys, "run", "--headless", "--for", "1")
    assert code == 3 and "already running" in err


def test_sigterm_flushes_buffered_readings(data_dir: Path) -> None:
    subprocess.run([sys.executable, "-m", "deungdae.desktop.cli.main", "init", "--template", "demo"],
                   check=True, capture_output=True, env={**os.environ})
    proc = subprocess.Popen([sys.executable, "-m", "deungdae.desktop.cli.main", "run", "--headless",
                             "--speed", "50"], stdout=subprocess.PIPE, text=True,
                            env={**os.environ})
    # Ready once it says "recording" (printed after its signal handlers are installed);
    # then wait, polling the record, until a few flushes have landed.
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("recording"), first
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with Store.open_reader(data_dir / "deungdae.db") as s:
            if s.count_readings() > 100:
                break
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    written = int(out.split("stopped: ")[1].split(" readings")[0].replace(",", ""))
    with Store.open_reader(data_dir / "deungdae.db") as s:
        assert s.count_readings() == written > 100


def test_full_disk_is_one_clear_message_and_keeps_what_was_acknowledged(
        capsys, tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mnt)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        root = mnt / "site"
        assert main(["--data-dir", str(root), "init", "--template", "demo"]) == 0
        capsys.readouterr()
        code = main(["--data-dir", str(root), "run", "--headless", "--speed", "1000000",
                     "--for", str(30 * 86400)])
        out, err = capsys.readouterr()
        assert code == 3
        assert "disk" in err and "full" in err
        with Store.open_reader(root / "deungdae.db") as s:
            assert s.integrity_check() == "ok"
            assert s.count_readings() > 1000
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
