"""CCPs as config: the `[[sectors.haccp.ccps]]` tables of a site config, checked.

Limits, durations and schedules are the plant's own validated values (templates give
typical ones); nothing here hard-codes a limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from deungdae.sectors.api.config_keys import unknown_keys
from deungdae.sectors.api.names import local_name

KINDS = ("heating", "cooling", "cold_storage", "metal_detection", "limit")
TEST_PIECES = ("fe", "sus", "product", "fe_on_product", "sus_on_product")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True, slots=True)
class CoolingStage:
    below: float
    within_s: float


@dataclass(frozen=True, slots=True)
class CCP:
    id: str
    name: str
    kind: str
    channel: str
    limit: float | None = None
    op: str = ">="  # the safe side: value op limit is within the critical limit
    hold_s: float = 0.0  # heating/limit: seconds the safe side must (heating) / may not (limit) last
    batch_start: float | None = None  # heating: a batch runs while value >= batch_start
    grace_s: float = 0.0  # cold storage / limit: how long beyond the limit is tolerated
    hysteresis: float = 0.0
    stale_after_s: float | None = None  # no reading this long: a deviation
    start_above: float | None = None  # cooling: a cooling run starts from at least this
    stages: tuple[CoolingStage, ...] = ()
    checks: tuple[str, ...] = ()  # metal detection: local times test pieces are due
    check_window_s: float = 1800.0
    frequency_s: float | None = None  # how often monitoring is expected
    method: str = ""
    extra: dict = field(default_factory=dict)

    def label(self, lang: str) -> str:
        """Its name in `lang` (a "한국어 (English)" name shows one side), led by its id."""
        name = local_name(self.name, lang)
        return name if self.id in name else f"{self.id} {name}"

    def within(self, v: float) -> bool:
        assert self.limit is not None
        return v >= self.limit if self.op == ">=" else v <= self.limit

    def limit_text(self, unit: str = "") -> str:
        u = f" {unit}" if unit else ""
        if self.kind == "heating":
            return f"≥ {self.limit:g}{u}, {self.hold_s:g} s 이상 유지"
        if self.kind == "cooling":
            return ", ".join(f"{s.below:g}{u} 이하 / {s.within_s / 3600:g} h 이내"
                             for s in self.stages)
        if self.kind == "metal_detection":
            return "Fe·SUS 시편 검출, 제품 단독 통과; 금속 검출 시 배제"
        return f"{'≥' if self.op == '>=' else '≤'} {self.limit:g}{u}"


def _num(errs: list[str], where: str, raw: dict, key: str, default=None, *,
         positive: bool = False):
    v = raw.get(key, default)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | float):
        errs.append(f"{where}.{key}: expected a number, got {v!r}")
        return default
    if positive and v < 0:
        errs.append(f"{where}.{key}: must not be negative")
    return float(v)


CCP_KEYS = frozenset({"id", "name", "kind", "channel", "op", "limit", "stages", "checks",
                      "hold", "batch_start", "grace", "hysteresis", "stale_after",
                      "start_above", "check_window", "frequency", "method"})


def parse_ccps(section: dict) -> tuple[list[CCP], list[str]]:
    """CCPs of `[sectors.haccp]` and the problems found, each naming its key."""
    errs: list[str] = []
    raw_list = section.get("ccps", [])
    if not isinstance(raw_list, list):
        return [], ["sectors.haccp.ccps: expected an array of tables ([[sectors.haccp.ccps]])"]
    out: list[CCP] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_list):
        where = f"sectors.haccp.ccps[{i + 1}]"
        if not isinstance(raw, dict):
            errs.append(f"{where}: expected a table")
            continue
        cid = raw.get("id")
        if not isinstance(cid, str) or not cid:
            errs.append(f"{where}.id: expected a CCP id like 'CCP-1B'")
            continue
        where = f"CCP '{cid}'"
        errs += unknown_keys(raw, CCP_KEYS, where)
        if cid in seen:
            errs.append(f"{where}: id used twice")
        seen.add(cid)
        kind = raw.get("kind")
        if kind not in KINDS:
            errs.append(f"{where}.kind: expected one of {', '.join(KINDS)}, got {kind!r}")
            continue
        channel = raw.get("channel")
        if not isinstance(channel, str):
            errs.append(f"{where}.channel: expected the id of the channel it watches")
            continue
        op = raw.get("op", "<=" if kind in ("cold_storage",) else ">=")
        if op not in (">=", "<="):
            errs.append(f"{where}.op: expected '>=' or '<=', got {op!r}")
        limit = _num(errs, where, raw, "limit")
        if kind in ("heating", "cold_storage", "limit") and limit is None:
            errs.append(f"{where}.limit: a {kind} CCP needs a critical limit")
        stages: list[CoolingStage] = []
        if kind == "cooling":
            for j, st in enumerate(raw.get("stages", [])):
                if not isinstance(st, dict) or "below" not in st or "within" not in st:
                    errs.append(f"{where}.stages[{j + 1}]: expected {{ below = °C, within = s }}")
                    continue
                stages.append(CoolingStage(float(st["below"]), float(st["within"])))
            if not stages:
                errs.append(f"{where}.stages: a cooling CCP needs at least one stage")
        checks = raw.get("checks", [])
        if kind == "metal_detection" and (not isinstance(checks, list) or not all(
                isinstance(c, str) and _TIME.match(c) for c in checks)):
            errs.append(f"{where}.checks: expected local times like [\"09:00\", \"13:00\"]")
            checks = []
        out.append(CCP(
            id=cid, name=str(raw.get("name", cid)), kind=kind, channel=channel, limit=limit,
            op=op, hold_s=_num(errs, where, raw, "hold", 0.0, positive=True) or 0.0,
            batch_start=_num(errs, where, raw, "batch_start"),
            grace_s=_num(errs, where, raw, "grace", 0.0, positive=True) or 0.0,
            hysteresis=_num(errs, where, raw, "hysteresis", 0.0, positive=True) or 0.0,
            stale_after_s=_num(errs, where, raw, "stale_after", None, positive=True),
            start_above=_num(errs, where, raw, "start_above"),
            stages=tuple(stages), checks=tuple(checks),
            check_window_s=_num(errs, where, raw, "check_window", 1800.0, positive=True)
            or 1800.0,
            frequency_s=_num(errs, where, raw, "frequency", None, positive=True),
            method=str(raw.get("method", ""))))
    return out, errs
