"""The crop and herd log: sector tables of the record, one per kind of entry.

Greenhouse: planting, stage change, spraying (product, dose, pre-harvest interval and the
first harvest date it allows), fertigation recipe change, harvest (quantity, grade).
Livestock: herd in/out, mortality, feed, vaccination (with its withdrawal period).
Rows are row-sealed into the chain and synced like core rows (sectors.api.tables); they
hold keys and numbers (a grade is "special", not "특"), and the window and the reports
render the labels below in their language.

Every `record_*` writes one row with `store.append_record` and returns its id. A stage
change also returns the `farm.stage_changed` event the caller records through the
engine (`Engine.record_entry`), so the running rule switches the zone's bands; a row
alone would reach the record but not the rule, which sees events, not tables.
A harvest inside a spraying's pre-harvest interval is still recorded (the record keeps
what happened) with `phi_ok = 0`, and the spraying record shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from deungdae.records.layout import Column, Table
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.api import Migration

OWNER = "farm"


def _t(name: str, *cols: Column, title: str) -> Table:
    return Table(name, (Column("id", "int"), Column("ts", "int"), Column("zone"),
                        *cols, Column("user"), Column("note")), owner=OWNER, title=title)


def _c(name: str, type_: str = "text", nullable: bool = False) -> Column:
    return Column(name, type_, nullable)  # type: ignore[arg-type]


PLANTING = _t("farm_planting", _c("cycle"), _c("crop"), _c("variety"), _c("plants", "int"),
              _c("area_m2", "float", True), title="plantings")
STAGE = _t("farm_stage", _c("cycle"), _c("stage"), title="crop stage changes")
SPRAY = _t("farm_spray", _c("cycle"), _c("product"), _c("active_ingredient"),
           _c("dose", "float"), _c("dose_unit"), _c("target"), _c("phi_days", "int"),
           _c("blocked_until"), title="sprayings")
FERTIGATION = _t("farm_fertigation", _c("cycle"), _c("recipe"), _c("ec_target", "float", True),
                 _c("ph_target", "float", True), title="fertigation recipe changes")
HARVEST = _t("farm_harvest", _c("cycle"), _c("quantity", "float"), _c("unit"), _c("grade"),
             _c("phi_ok", "int"), title="harvests")
HERD = _t("farm_herd", _c("batch"), _c("movement"), _c("head", "int"),
          _c("avg_weight_kg", "float", True), title="herd in and out")
MORTALITY = _t("farm_mortality", _c("batch"), _c("head", "int"), _c("cause"),
               title="mortality")
FEED = _t("farm_feed", _c("batch"), _c("feed"), _c("amount_kg", "float"), title="feed")
VACCINATION = _t("farm_vaccination", _c("batch"), _c("vaccine"), _c("route"), _c("head", "int"),
                 _c("withdrawal_days", "int"), title="vaccinations")

TABLES: tuple[Table, ...] = (PLANTING, STAGE, SPRAY, FERTIGATION, HARVEST, HERD, MORTALITY,
                             FEED, VACCINATION)


def _create_all(con) -> None:
    for t in TABLES:
        con.execute(t.create_sql())


MIGRATIONS = (Migration(1, _create_all, "crop and herd log tables"),)

# labels of the stored keys, for the window and the reports: key -> (English, Korean)
# crops and herds a zone names (its `crop` / `herd` key): (English, Korean)
CROPS = {"tomato": ("Tomato", "토마토"), "strawberry": ("Strawberry", "딸기"),
         "paprika": ("Paprika", "파프리카"), "cucumber": ("Cucumber", "오이"),
         "oyster_mushroom": ("Oyster mushroom", "느타리버섯"),
         "mushroom": ("Mushroom", "버섯"), "broiler": ("Broilers", "육계"),
         "pig": ("Pigs", "돼지")}
GRADES = {"special": ("Premium", "특"), "first": ("Grade 1", "상"), "second": ("Grade 2", "보통"),
          "off": ("Off-grade", "등외")}
MOVEMENTS = {"in": ("In", "입식"), "out": ("Out", "출하")}
MORTALITY_CAUSES = {"disease": ("Disease", "질병"), "heat": ("Heat stress", "고온 스트레스"),
                    "cold": ("Cold stress", "저온 스트레스"), "injury": ("Injury", "외상"),
                    "cull": ("Culled", "도태"), "unknown": ("Unknown", "원인 불명")}
ROUTES = {"drinking_water": ("Drinking water", "음수"), "spray": ("Spray", "분무"),
          "injection": ("Injection", "주사"), "eye_drop": ("Eye drop", "점안")}
STAGES = {"seedling": ("Seedling", "육묘"), "transplant": ("Transplanting", "정식"),
          "vegetative": ("Vegetative", "영양생장"), "flowering": ("Flowering", "개화"),
          "fruiting": ("Fruiting", "착과·비대"), "harvest": ("Harvest", "수확"),
          "spawn_run": ("Spawn run", "균사 배양"), "pinning": ("Pinning", "발이"),
          "fruiting_body": ("Fruiting bodies", "자실체 생육"),
          "brooding": ("Brooding", "육추"), "growing": ("Growing", "육성"),
          "finishing": ("Finishing", "비육")}
ENTRY_TITLES = {t.name: t.title for t in TABLES}
ENTRY_KO = {"farm_planting": "정식", "farm_stage": "생육단계 변경", "farm_spray": "농약 살포",
            "farm_fertigation": "양액 처방 변경", "farm_harvest": "수확", "farm_herd": "입식·출하",
            "farm_mortality": "폐사", "farm_feed": "사료 급여", "farm_vaccination": "백신 접종"}


class LogError(ValueError):
    """An entry that cannot be recorded; the message names the field."""


def label(table: dict, key: str, lang: str = "ko") -> str:
    en_ko = table.get(key)
    return key if en_ko is None else en_ko[1 if lang.startswith("ko") else 0]


def _text(name: str, v: object, choices: dict | None = None) -> str:
    if not isinstance(v, str) or not v.strip():
        raise LogError(f"'{name}' is required")
    if choices is not None and v not in choices:
        raise LogError(f"'{name}' must be one of {', '.join(choices)}, got {v!r}")
    return v.strip()


def _num(name: str, v: object, *, integer: bool = False, minimum: float = 0.0) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float) or v != v or v in (
            float("inf"), float("-inf")) or v < minimum:
        raise LogError(f"'{name}' must be a finite number ≥ {minimum:g}, got {v!r}")
    if integer and int(v) != v:
        raise LogError(f"'{name}' must be a whole number, got {v!r}")
    return int(v) if integer else float(v)


def _row(store: Store, table: Table, ts: int, zone: str, user: str, note: str,
         **values) -> int:
    row = {"ts": int(ts), "zone": _text("zone", zone), **values, "user": _text("user", user),
           "note": note or ""}
    return store.append_record(table.name, row)


def record_planting(store: Store, ts: int, zone: str, cycle: str, crop: str, variety: str,
                    plants: int, user: str, area_m2: float | None = None, note: str = "") -> int:
    return _row(store, PLANTING, ts, zone, user, note, cycle=_text("cycle", cycle),
                crop=_text("crop", crop), variety=variety or "",
                plants=_num("plants", plants, integer=True),
                area_m2=None if area_m2 is None else _num("area_m2", area_m2))


def record_stage(store: Store, ts: int, zone: str, cycle: str, stage: str, user: str,
                 note: str = "") -> tuple[int, NewEvent]:
    """The row, and the event to record through the engine so the bands follow."""
    rid = _row(store, STAGE, ts, zone, user, note, cycle=_text("cycle", cycle),
               stage=_text("stage", stage))
    return rid, NewEvent(ts=ts, kind="farm.stage_changed", user=user,
                         message=f"{zone}: stage {stage}",
                         data={"zone": zone, "cycle": cycle, "stage": stage, "row": rid})


def blocked_until(sprayed_ts: int, phi_days: int, tz: ZoneInfo) -> date:
    """The first local date a crop sprayed at `sprayed_ts` may be harvested (spray day +
    pre-harvest interval in days, the way labels count it)."""
    return datetime.fromtimestamp(sprayed_ts / 1000, tz).date() + timedelta(days=phi_days)


def record_spray(store: Store, ts: int, zone: str, cycle: str, product: str,
                 active_ingredient: str, dose: float, dose_unit: str, target: str,
                 phi_days: int, user: str, tz: ZoneInfo, note: str = "") -> int:
    phi = int(_num("phi_days", phi_days, integer=True))
    return _row(store, SPRAY, ts, zone, user, note, cycle=_text("cycle", cycle),
                product=_text("product", product), active_ingredient=active_ingredient or "",
                dose=_num("dose", dose), dose_unit=_text("dose_unit", dose_unit),
                target=target or "", phi_days=phi,
                blocked_until=blocked_until(ts, phi, tz).isoformat())


def record_fertigation(store: Store, ts: int, zone: str, cycle: str, recipe: str, user: str,
                       ec_target: float | None = None, ph_target: float | None = None,
                       note: str = "") -> int:
    return _row(store, FERTIGATION, ts, zone, user, note, cycle=_text("cycle", cycle),
                recipe=_text("recipe", recipe),
                ec_target=None if ec_target is None else _num("ec_target", ec_target),
                ph_target=None if ph_target is None else _num("ph_target", ph_target))


def harvest_blocked_by(store: Store, zone: str, cycle: str, ts: int, tz: ZoneInfo
                       ) -> list[tuple[str, str]]:
    """(product, blocked-until date) of sprayings whose interval still runs at `ts`."""
    day = datetime.fromtimestamp(ts / 1000, tz).date().isoformat()
    return [(p, b) for p, b in store.query(
        "SELECT product, blocked_until FROM farm_spray WHERE zone = ? AND cycle = ? AND ts <= ? "
        "AND blocked_until > ? ORDER BY ts", (zone, cycle, ts, day))]


def record_harvest(store: Store, ts: int, zone: str, cycle: str, quantity: float, unit: str,
                   grade: str, user: str, tz: ZoneInfo, note: str = "") -> int:
    ok = not harvest_blocked_by(store, zone, cycle, ts, tz)
    return _row(store, HARVEST, ts, zone, user, note, cycle=_text("cycle", cycle),
                quantity=_num("quantity", quantity), unit=_text("unit", unit),
                grade=_text("grade", grade, GRADES), phi_ok=int(ok))


def record_herd(store: Store, ts: int, zone: str, batch: str, movement: str, head: int,
                user: str, avg_weight_kg: float | None = None, note: str = "") -> int:
    return _row(store, HERD, ts, zone, user, note, batch=_text("batch", batch),
                movement=_text("movement", movement, MOVEMENTS),
                head=_num("head", head, integer=True, minimum=1),
                avg_weight_kg=None if avg_weight_kg is None else _num("avg_weight_kg",
                                                                      avg_weight_kg))


def record_mortality(store: Store, ts: int, zone: str, batch: str, head: int, cause: str,
                     user: str, note: str = "") -> int:
    return _row(store, MORTALITY, ts, zone, user, note, batch=_text("batch", batch),
                head=_num("head", head, integer=True, minimum=1),
                cause=_text("cause", cause, MORTALITY_CAUSES))


def record_feed(store: Store, ts: int, zone: str, batch: str, feed: str, amount_kg: float,
                user: str, note: str = "") -> int:
    return _row(store, FEED, ts, zone, user, note, batch=_text("batch", batch),
                feed=_text("feed", feed), amount_kg=_num("amount_kg", amount_kg))


def record_vaccination(store: Store, ts: int, zone: str, batch: str, vaccine: str, route: str,
                       head: int, withdrawal_days: int, user: str, note: str = "") -> int:
    return _row(store, VACCINATION, ts, zone, user, note, batch=_text("batch", batch),
                vaccine=_text("vaccine", vaccine), route=_text("route", route, ROUTES),
                head=_num("head", head, integer=True, minimum=1),
                withdrawal_days=_num("withdrawal_days", withdrawal_days, integer=True))


@dataclass(frozen=True, slots=True)
class Entry:
    """One log row of any table, for the reports: its table, time, zone and values."""

    table: str
    id: int
    ts: int
    zone: str
    values: dict

    def json(self) -> str:
        return json.dumps(self.values, ensure_ascii=False, sort_keys=True)


def entries(store: Store, t0: int, t1: int, zone: str | None = None,
            tables: tuple[Table, ...] = TABLES) -> list[Entry]:
    """Every log row in [t0, t1) (of one zone), oldest first; tables not yet in the
    record (an empty data dir) count as empty."""
    have = {r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type='table'")}
    out = []
    for t in tables:
        if t.name not in have:
            continue
        cols = t.column_names
        sql = f"SELECT {', '.join(cols)} FROM {t.name} WHERE ts >= ? AND ts < ?"
        params: list = [t0, t1]
        if zone is not None:
            sql += " AND zone = ?"
            params.append(zone)
        for row in store.query(sql, params):
            d = dict(zip(cols, row, strict=True))
            out.append(Entry(t.name, d.pop("id"), d.pop("ts"), d.pop("zone"), d))
    out.sort(key=lambda e: (e.ts, e.table, e.id))
    return out
