"""The real `deungdae` CLI over a corpus of bad inputs: one clear line, never a traceback.

Each case runs the installed entry point in a subprocess (as a plant manager would),
so a traceback printed by any layer — argparse type, logging handler, hardware, the
record — fails the test, and so does a zero exit or a message that does not say what
is wrong. The first 19 inputs are the ones issue 10 found ending in tracebacks or
silently accepted; the rest are attacks tried while fixing them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from deungdae.sectors.contract import discover


def _template(name: str) -> str:
    for sector in discover().values():
        for t in sector.templates():
            if t.name == name:
                return t.path.read_text(encoding="utf-8")
    raise LookupError(name)


def cli(data: Path, *argv: str, timeout: float = 120) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DEUNGDAE_HOME", None)
    return subprocess.run([sys.executable, "-m", "deungdae.desktop.cli.main",
                           "--data-dir", str(data), *argv],
                          capture_output=True, text=True, timeout=timeout, env=env,
                          stdin=subprocess.DEVNULL)


RUN = ("run", "--headless", "--for", "2", "--speed", "100")


@dataclass(frozen=True)
class Case:
    name: str
    argv: tuple[str, ...]
    says: tuple[str, ...]  # each must be in the one error line (case-insensitive)
    site: Callable[[Path], str] | None = None  # site.toml text (None: the recorded demo)
    files: dict[str, bytes] = field(default_factory=dict)


def demo_with(old: str, new: str, template: str = "demo") -> Callable[[Path], str]:
    def make(_: Path) -> str:
        text = _template(template)
        assert old in text, old
        return text.replace(old, new, 1)
    return make


def deep(n: int, opening: str, closing: str) -> Callable[[Path], str]:
    return lambda _: _template("demo") + f"\nx = {opening * n}{closing * n}\n"


def csv_replay(d: Path) -> str:
    return demo_with("base = 3.0", f'csv = "{d / "replay.csv"}"')(d)


CASES = [
    # the issue's inputs
    Case("interval 1e308", RUN, ("interval", "1e+308", "site.toml:"),
         demo_with("interval = 1.0", "interval = 1e308")),
    Case("decimals text", RUN, ("decimals", "expected an integer", "site.toml:"),
         demo_with("base = 3.0", 'base = 3.0\ndecimals = "x"')),
    Case("speed 0", ("run", "--headless", "--for", "1", "--speed", "0"), ("--speed",)),
    Case("for -5", ("run", "--headless", "--for", "-5"), ("--for", "-5")),
    Case("export year 1-9999", ("export", "--channel", "coldroom.temperature", "--from",
                                "0001-01-01", "--to", "9999-12-31"), ("9999-12-31", "range")),
    Case("export into a missing folder", ("export", "--channel", "coldroom.temperature",
                                          "--from", "2026-01-01", "--to", "2026-01-02", "-o",
                                          "/nonexistent-folder/x.csv"),
         ("/nonexistent-folder", "does not exist")),
    Case("binary replay csv", RUN, ("replay.csv", "not a text csv"), csv_replay,
         {"replay.csv": bytes(range(256)) * 64}),
    Case("register [::1", ("register", "http://[::1", "ABCDEFGH12"), ("not a web address",)),
    Case("5000-deep array", RUN, ("site.toml:", "deeper than 16"), deep(5000, "[", "]")),
    Case("5000-deep inline table", RUN, ("site.toml:", "deeper than 16"),
         deep(5000, "{a=", "}")),
    Case("5000-deep dotted key", RUN, ("site.toml:", "deeper than 16"),
         lambda _: _template("demo") + "\n[" + ".".join(["a"] * 5000) + "]\nx = 1\n"),
    Case("empty site.toml", RUN, ("record nothing",), lambda _: ""),
    Case("[channels.alarms] typo", RUN, ("alarms", "did you mean alarm?", "site.toml:"),
         demo_with("[channels.alarm]", "[channels.alarms]")),
    Case("ccp limit -inf", RUN, ("limit", "finite", "site.toml:"),
         demo_with("limit = 75.0", "limit = -inf", "haccp-bakery")),
    Case("alarm high nan", RUN, ("high", "finite", "site.toml:"),
         demo_with("high = 8.0", "high = nan")),
    Case("alarm high inf", RUN, ("high", "finite"), demo_with("high = 8.0", "high = inf")),
    Case("negative delay", RUN, ("delay", "negative"), demo_with("delay = 60", "delay = -60")),
    Case("speed nan", ("run", "--headless", "--for", "1", "--speed", "nan"), ("--speed",)),
    Case("for inf", ("run", "--headless", "--for", "inf", "--speed", "10"), ("--for",)),
    # more
    Case("speed 1e308", ("run", "--headless", "--for", "1", "--speed", "1e308"), ("--speed",)),
    Case("interval 0", RUN, ("interval",), demo_with("interval = 1.0", "interval = 0")),
    Case("interval nan", RUN, ("interval", "finite"),
         demo_with("interval = 1.0", "interval = nan")),
    Case("stale_after -inf", RUN, ("stale_after",),
         demo_with("stale_after = 30", "stale_after = -inf")),
    Case("period 0", RUN, ("period",), demo_with("period = 1800", "period = 0")),
    Case("unknown top table", RUN, ("chanels", "did you mean channels?"),
         lambda _: _template("demo") + "\n[chanels]\nx = 1\n"),
    Case("unknown device key", RUN, ("intervall", "did you mean interval?"),
         demo_with("interval = 1.0", "intervall = 1.0")),
    Case("unknown site key", RUN, ("timezon", "did you mean timezone?"),
         demo_with('timezone = "Asia/Seoul"', 'timezon = "Asia/Seoul"')),
    Case("sector table not enabled", RUN, ("haccp", "not enabled"),
         lambda _: _template("demo") + "\n[sectors.haccp]\n"),
    Case("sector table not installed", RUN, ("sectors.bakery", "not installed"),
         lambda _: _template("demo") + "\n[sectors.bakery]\n"),
    Case("latitude 1e308", RUN, ("latitude",),
         demo_with('timezone = "Asia/Seoul"', 'timezone = "Asia/Seoul"\nlatitude = 1e308')),
    Case("site.toml not utf-8", RUN, ("utf-8",), None, {"site.toml": b"\xff\xfe[site]\x00"}),
    Case("site.toml is a folder", RUN, ("folder",), None, {"site.toml/": b""}),
    Case("bad toml", RUN, ("site.toml:", "not valid toml"), demo_with("[[channels]]", "[[channels]")),
    Case("export bad date", ("export", "--channel", "coldroom.temperature", "--from", "2026-13-01",
                             "--to", "2026-01-02"), ("2026-13-01",)),
    Case("report into a missing folder", ("report", "haccp-daily", "--date", "2026-01-01", "-o",
                                          "/nonexistent-folder/r.pdf"), ("nonexistent-folder",)),
    Case("register not http", ("register", "ftp://central", "ABCDEFGH12"), ("http",)),
    Case("record is a text file", ("status",), ("deungdae.db",), None,
         {"deungdae.db": b"hello, not a database\n" * 100, "deungdae.db-wal": b""}),
]


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    """A demo data dir that has recorded a little (export and report need a record)."""
    d = tmp_path_factory.mktemp("recorded")
    done = cli(d, "init", "--template", "demo")
    assert done.returncode == 0, done.stderr
    done = cli(d, *RUN)
    assert done.returncode == 0, done.stderr
    return d


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_one_clear_line(case: Case, recorded: Path, tmp_path: Path) -> None:
    d = tmp_path / "data"
    shutil.copytree(recorded, d)
    if case.site is not None:
        (d / "site.toml").write_text(case.site(d), encoding="utf-8")
    for name, data in case.files.items():
        if name.endswith("/"):
            (d / name).unlink(missing_ok=True)
            (d / name).mkdir()
        else:
            (d / name).write_bytes(data)
    argv = tuple(str(d / a) if a in case.files else a for a in case.argv)
    done = cli(d, *argv)
    out = done.stdout + done.stderr
    assert "Traceback" not in out, out
    assert done.returncode != 0, out
    lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
    assert lines, out
    assert "(details in the log)" not in done.stderr, f"an unexpected error: {out}"
    assert len(lines) <= 3, out  # one error (a config may list a few problems, one each)
    for s in case.says:
        assert s.lower() in done.stderr.lower(), (s, out)


def test_every_issue_input_is_in_the_corpus() -> None:
    """The 19 inputs of the issue stay covered when the corpus is edited."""
    names = {c.name for c in CASES}
    assert len(CASES) >= 30 and {"interval 1e308", "decimals text", "speed 0", "for -5",
                                 "5000-deep array", "empty site.toml", "ccp limit -inf",
                                 "[channels.alarms] typo"} <= names
