"""The v2 contract on its own: kinds, incidents, derived-input guard, periods, site, tables."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from deungdae.hardware.reading import Quality, Reading
from deungdae.records import layout
from deungdae.sectors.api import (
    PERIODS,
    DerivedChannel,
    EventKind,
    IncidentField,
    InputGuard,
    KindRegistry,
    Migration,
    RuleOutput,
    action_problems,
    derive,
    derived_problems,
    migrate,
    open_incidents,
    parse_site,
    shell_registry,
    split_output,
)
from deungdae.sectors.api.discovery import sector_problems
from deungdae.sectors.contract import ChannelSpec, discover, event_kinds


def ev(id_, kind, ts, channel="t1", ref=None, **data):
    return SimpleNamespace(id=id_, kind=kind, ts=ts, channel=channel, device=None,
                           data=data, ref_id=ref, user="kim")


def test_shell_and_haccp_kinds_have_both_titles_and_one_owner() -> None:
    reg = event_kinds()
    assert {"alarm.start", "sensor.lost", "device.lost"} <= reg.opening()
    assert reg.closing()["alarm.end"] == "alarm.start"
    for k in reg.kinds.values():
        assert k.title_en and k.title_ko, k.kind


def test_alarm_incident_opens_and_closes_by_side() -> None:
    reg = shell_registry()
    rows = [ev(1, "alarm.start", 10, side="high"), ev(2, "alarm.start", 11, side="low"),
            ev(3, "alarm.ack", 12, ref=1), ev(4, "alarm.end", 13, side="high")]
    incs = derive(rows, reg)
    assert [(i.id, i.is_open, i.stage) for i in incs] == [(1, False, "acknowledged"),
                                                         (2, True, "open")]
    assert [i.id for i in open_incidents(rows, reg)] == [2]


def test_until_verified_incident_stays_open_after_its_condition_ends() -> None:
    reg = shell_registry()
    reg.add("x", [EventKind("x.dev", "opens", severity="critical", title_en="Dev",
                            title_ko="이탈", until="verified"),
                  EventKind("x.verify", step="verify", title_en="V", title_ko="검증")])
    rows = [ev(1, "x.dev", 1), ev(2, "x.dev", 2), ev(3, "corrective.action", 3, ref=1)]
    first, second = open_incidents(rows, reg)  # each deviation is verified on its own
    assert (first.stage, second.stage) == ("action_recorded", "open")
    assert [i.id for i in open_incidents([*rows, ev(4, "x.verify", 4, ref=1)], reg)] == [2]


def test_a_kind_declared_twice_or_taken_is_refused_naming_the_sector() -> None:
    reg = shell_registry()
    k = EventKind("s.a", title_en="A", title_ko="가")
    assert "declared twice" in reg.add("s", [k, k])[0]
    assert "already declared by 'shell'" in " ".join(
        reg.add("s", [EventKind("alarm.start", title_en="a", title_ko="b")]))
    assert "must start with 's.'" in " ".join(
        reg.add("s", [EventKind("t.a", title_en="a", title_ko="b")]))
    assert "s.a" not in reg.kinds


def test_sector_with_colliding_table_is_refused_and_registers_nothing() -> None:
    bad = SimpleNamespace(id="zz", event_kinds=lambda: [],
                          tables=lambda: [layout.Table("zz_ok", (layout.Column("id", "int"),
                                                                  layout.Column("ts", "int")),
                                                       owner="zz"),
                                          layout.Table("event", layout.EVENT.columns,
                                                       owner="zz")])
    problems = sector_problems(bad, shell_registry())
    assert problems and "'zz'" in problems[0]
    assert not any(t.owner == "zz" for t in layout.sector_tables())


def test_discover_keeps_ours() -> None:
    assert {"demo", "haccp"} <= set(discover())


def test_incident_fields_check_values() -> None:
    k = EventKind("s.dev", "opens", title_en="d", title_ko="d", fields=(
        IncidentField("cause", "text", "Cause", "원인"),
        IncidentField("n", "number", "N", "수", required=False)))
    assert action_problems(k, {"cause": "door"}) == []
    assert "'cause' is required" in action_problems(k, {})
    assert any("finite" in p for p in action_problems(k, {"cause": "x", "n": float("nan")}))


def test_haccp_corrective_action_data_fits_its_declared_fields() -> None:
    reg = event_kinds()
    dev = reg.get("haccp.deviation")
    assert dev is not None and dev.until == "verified" and dev.severity == "critical"
    assert action_problems(dev, {"ccp": "CCP-1", "cause": "door", "action": "moved",
                                 "disposition": "hold"}) == []
    assert action_problems(dev, {"cause": "door", "action": "moved",
                                 "disposition": "보류"})  # a label is not a key
    assert reg.steps()["haccp.verify"] == "verify"


def test_kinds_round_trip_through_json() -> None:
    reg = event_kinds()
    back = KindRegistry.from_json(reg.to_json())
    assert back.opening() == reg.opening() and back.closing() == reg.closing()
    assert back.steps() == reg.steps()


def test_derived_from_stale_or_bad_input_is_missing_not_invented() -> None:
    g = InputGuard([DerivedChannel("vpd", "VPD", "증기압차", "kPa", 2, ("t", "rh"),
                                   max_age_s=60)])
    g.note([Reading("t", 1000, 20.0), Reading("rh", 1000, 60.0)])
    assert g.check(Reading("vpd", 2000, 0.9)).value == 0.9
    assert g.check(Reading("vpd", 62_000, 0.9)).value is None  # inputs too old
    g.note([Reading("t", 63_000, 20.0), Reading("rh", 63_000, None, Quality.TIMEOUT)])
    out = g.check(Reading("vpd", 63_000, 0.9))
    assert out.value is None and out.quality & Quality.TIMEOUT


def test_derived_inputs_must_exist() -> None:
    chans = [ChannelSpec("t", "T", "°C", {})]
    d = DerivedChannel("vpd", "VPD", "증기압차", "kPa", 2, ("t", "rh"))
    (p,) = derived_problems("farm", [d], chans)
    assert "'farm'" in p and "rh" in p
    assert derived_problems("farm", [DerivedChannel("t", "T", "T", "", 1, ("t",))], chans)


def test_split_output_accepts_lists_and_rule_outputs() -> None:
    r = Reading("vpd", 1, 1.0)
    assert split_output([]) == ([], [])
    assert split_output(RuleOutput(readings=[r])) == ([], [r])


def test_periods_resolve_in_site_time() -> None:
    site, errs = parse_site({"shifts": [{"name": "night", "start": "22:00", "end": "06:00"}],
                             "holidays": ["2026-01-01"], "latitude": 37.5,
                             "longitude": 127.0}, "Asia/Seoul")
    assert errs == [] and not site.is_production_day(date(2026, 1, 1))
    tz = ZoneInfo("Asia/Seoul")
    t0, t1 = PERIODS["shift"].resolve("2026-03-05/night", site)
    assert datetime.fromtimestamp(t0 / 1000, tz) == datetime(2026, 3, 5, 22, tzinfo=tz)
    assert (t1 - t0) == 8 * 3600_000
    w0, w1 = PERIODS["week"].resolve("2026-W10", site)
    assert datetime.fromtimestamp(w0 / 1000, tz).date() == date(2026, 3, 2)
    assert w1 - w0 == 7 * 86400_000
    m0, m1 = PERIODS["month"].resolve("2026-12", site)
    assert datetime.fromtimestamp(m1 / 1000, tz).date() == date(2027, 1, 1)
    with pytest.raises(ValueError, match="no shift 'day'"):
        PERIODS["shift"].resolve("2026-03-05/day", site)


def test_bad_site_keys_are_named() -> None:
    _, errs = parse_site({"latitude": 100, "shifts": [{"name": "a", "start": "25:00",
                                                        "end": "x"}], "holidays": ["soon"]})
    text = "\n".join(errs)
    for key in ("site.latitude", "site.shifts[0].start", "site.shifts[0].end",
                "site.holidays[0]"):
        assert key in text


def test_migrations_run_once_in_order(tmp_path) -> None:
    con = sqlite3.connect(tmp_path / "m.db")
    steps = [Migration(1, lambda c: c.execute("CREATE TABLE s_a (id INTEGER)")),
             Migration(2, lambda c: c.execute("ALTER TABLE s_a ADD COLUMN x TEXT"))]
    assert migrate(con, "s", steps) == [1, 2]
    assert migrate(con, "s", steps) == []
    assert [r[1] for r in con.execute("PRAGMA table_info(s_a)")] == ["id", "x"]
