"""GHG ledger: scope 1 (fuel × NCV × EF) and scope 2 (kWh × grid factor) with versioned factors.

Factors are a table of rows (value, unit, year, source, date published), shipped as
``ghg_factors.toml`` next to this module; a plant may add rows (a newer year, its supplier's
NCV, a contract's factor). Rules that make a report reproducible:

- a row is never edited; a new value is a new row with a new id;
- each period uses the factor of its year; a period spanning a year end is split by time
  in the site's zone; a year with no factor yet uses the latest earlier year and says so
  (``fallback``);
- results carry copies of the factors (id, value, unit, source, published), never
  references into the table, so adding a row cannot change a result already made; and
  ``FactorTable.as_of(date)`` recomputes a result exactly as it was on the day it was made.

Scope 2 is location-based (grid average); market-based when the plant records contracts
(e.g. a PPA or REC with its own factor); uncovered consumption is taken at the grid factor,
since Korea publishes no residual mix (said in ``MarketLine.residual_from``).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from zoneinfo import ZoneInfo

KINDS = ("grid", "fuel_ef", "ncv", "gwp")
ENERGY_UNITS_MJ = {"MJ": 1.0, "GJ": 1e3, "TJ": 1e6, "kWh": 3.6}
# Units an emission factor or NCV may be given in, as (numerator scale, denominator).
_EF_UNITS = {"kgCO2/TJ": 1.0, "kgCH4/TJ": 1.0, "kgN2O/TJ": 1.0}
_GRID_UNITS = {"tCO2eq/MWh": 1.0, "kgCO2eq/kWh": 1.0}


class FactorError(ValueError):
    """A factor table or a request the table cannot answer (names the file/key/fuel/year)."""


@dataclass(frozen=True, slots=True)
class Factor:
    """One row of the table, immutable; results hold copies of these."""

    id: str
    kind: str
    value: float
    unit: str
    source: str
    published: dt.date
    year: int | None = None
    region: str | None = None
    fuel: str | None = None
    gas: str | None = None
    # a multi-year average (e.g. 2020–2022): never picked by year, only asked for by id
    average_of: tuple[int, int] | None = None


@dataclass(frozen=True)
class FactorTable:
    factors: tuple[Factor, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for f in self.factors:
            if f.id in seen:
                raise FactorError(f"factor id {f.id!r} appears twice")
            seen.add(f.id)

    # -- building ------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, raw: Mapping, where: str = "factors") -> FactorTable:
        rows: list[Factor] = []
        for kind in KINDS:
            for i, r in enumerate(raw.get(kind, [])):
                key = f"{where}: {kind}[{i}]"
                try:
                    value = float(r["value"])
                    pub = r["published"]
                    published = pub if isinstance(pub, dt.date) else dt.date.fromisoformat(pub)
                    f = Factor(id=str(r["id"]), kind=kind, value=value,
                               unit=str(r.get("unit", "")), source=str(r["source"]),
                               published=published,
                               year=int(r["year"]) if "year" in r else None,
                               region=r.get("region"), fuel=r.get("fuel"), gas=r.get("gas"),
                               average_of=(tuple(int(y) for y in r["average_of"])
                                           if "average_of" in r else None))
                except KeyError as e:
                    raise FactorError(f"{key}: missing {e.args[0]!r}") from None
                except (TypeError, ValueError) as e:
                    raise FactorError(f"{key}: {e}") from None
                if value != value or value in (float("inf"), float("-inf")) or value < 0:
                    raise FactorError(f"{key}.value: a finite number >= 0 expected")
                if kind == "grid" and ((f.year is None and f.average_of is None)
                                       or f.unit not in _GRID_UNITS):
                    raise FactorError(f"{key}: grid factors need a year (or average_of) and "
                                      f"a unit in {sorted(_GRID_UNITS)}")
                if f.average_of is not None and len(f.average_of) != 2:
                    raise FactorError(f"{key}.average_of: [first year, last year] expected")
                if kind == "fuel_ef" and (not f.fuel or not f.gas or f.unit not in _EF_UNITS):
                    raise FactorError(f"{key}: fuel_ef needs fuel, gas and a unit in "
                                      f"{sorted(_EF_UNITS)}")
                if kind == "ncv" and (not f.fuel or not f.unit.startswith("MJ/")):
                    raise FactorError(f"{key}: ncv needs fuel and a unit 'MJ/<amount unit>'")
                rows.append(f)
        unknown = set(raw) - set(KINDS)
        if unknown:
            raise FactorError(f"{where}: unknown table(s) {sorted(unknown)}")
        return cls(tuple(rows))

    @classmethod
    def load(cls, path: Path | str | None = None) -> FactorTable:
        """The shipped table, or a file's. Errors name the file."""
        if path is None:
            text = resources.files(__package__).joinpath("ghg_factors.toml").read_text("utf-8")
            where = "ghg_factors.toml"
        else:
            where = str(path)
            try:
                text = Path(path).read_text("utf-8")
            except OSError as e:
                raise FactorError(f"{where}: {e.strerror}") from None
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as e:
            raise FactorError(f"{where}: {e}") from None
        return cls.from_mapping(raw, where)

    def with_factors(self, *new: Factor) -> FactorTable:
        return FactorTable(self.factors + tuple(new))

    def as_of(self, day: dt.date) -> FactorTable:
        """Only the rows published on or before ``day``: the table as it was then."""
        return FactorTable(tuple(f for f in self.factors if f.published <= day))

    # -- lookups -------------------------------------------------------------------
    def grid(self, year: int, region: str = "KR") -> tuple[Factor, bool]:
        """The grid factor for ``year`` (latest published of that year), else the latest
        earlier year with ``fallback`` True."""
        rows = [f for f in self.factors if f.kind == "grid" and f.region == region
                and f.average_of is None and f.year is not None and f.year <= year]
        if not rows:
            raise FactorError(f"no grid factor for {region} in or before {year}")
        best = max(rows, key=lambda f: (f.year, f.published, f.id))
        return best, best.year != year

    def by_id(self, factor_id: str) -> Factor:
        for f in self.factors:
            if f.id == factor_id:
                return f
        raise FactorError(f"no factor with id {factor_id!r}")

    def fuel(self, fuel: str, year: int) -> tuple[Factor | None, tuple[Factor, ...]]:
        """(NCV or None, emission factors per gas) for a fuel, as for grid by year."""
        def pick(rows: list[Factor]) -> Factor | None:
            rows = [f for f in rows if f.year is None or f.year <= year]
            return max(rows, key=lambda f: (f.year or 0, f.published, f.id)) if rows else None
        ncv = pick([f for f in self.factors if f.kind == "ncv" and f.fuel == fuel])
        gases = sorted({f.gas for f in self.factors if f.kind == "fuel_ef" and f.fuel == fuel})
        efs = tuple(p for g in gases if (p := pick(
            [f for f in self.factors if f.kind == "fuel_ef" and f.fuel == fuel and f.gas == g])))
        if not efs:
            raise FactorError(f"no emission factor for fuel {fuel!r}")
        return ncv, efs

    def gwp(self, gas: str) -> Factor | None:
        if gas == "CO2":
            return None
        rows = [f for f in self.factors if f.kind == "gwp" and f.gas == gas]
        if not rows:
            raise FactorError(f"no GWP for {gas}: add a [[gwp]] row")
        return max(rows, key=lambda f: (f.published, f.id))


# --- splitting periods by year ----------------------------------------------------

def split_by_year(start_ms: int, end_ms: int, amount: float, tz: ZoneInfo
                  ) -> list[tuple[int, int, int, float]]:
    """[(year, start, end, share of amount)] with local year ends as the cut points."""
    if end_ms <= start_ms:
        raise FactorError(f"period end {end_ms} is not after its start {start_ms}")
    out = []
    t = start_ms
    while t < end_ms:
        year = dt.datetime.fromtimestamp(t / 1000, tz).year
        ny = int(dt.datetime(year + 1, 1, 1, tzinfo=tz).timestamp() * 1000)
        hi = min(ny, end_ms)
        out.append((year, t, hi, amount * (hi - t) / (end_ms - start_ms)))
        t = hi
    return out


# --- scope 2 ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Scope2Line:
    year: int
    start_ms: int
    end_ms: int
    kwh: float
    factor: Factor
    fallback: bool
    tco2eq: float


@dataclass(frozen=True, slots=True)
class Contract:
    """A contractual instrument (PPA, REC, green premium) covering kWh over a period."""

    id: str
    start_ms: int
    end_ms: int
    kwh: float
    factor_t_per_mwh: float
    source: str


@dataclass(frozen=True, slots=True)
class MarketLine:
    year: int
    kwh: float
    covered_kwh: float
    contract_tco2eq: float
    residual_kwh: float
    residual_from: Factor  # the grid factor stands in for a residual mix
    tco2eq: float


@dataclass(frozen=True)
class Scope2Result:
    lines: tuple[Scope2Line, ...]
    market: tuple[MarketLine, ...] = ()
    contracts: tuple[Contract, ...] = ()

    @property
    def location_tco2eq(self) -> float:
        return sum(x.tco2eq for x in self.lines)

    @property
    def market_tco2eq(self) -> float | None:
        return sum(x.tco2eq for x in self.market) if self.market else None

    @property
    def kwh(self) -> float:
        return sum(x.kwh for x in self.lines)

    def factors_used(self) -> tuple[Factor, ...]:
        return _unique(x.factor for x in self.lines)


def _unique(fs: Iterable[Factor]) -> tuple[Factor, ...]:
    out: dict[str, Factor] = {}
    for f in fs:
        out.setdefault(f.id, f)
    return tuple(out.values())


def _grid_t(kwh: float, f: Factor) -> float:
    # tCO2eq/MWh and kgCO2eq/kWh are numerically equal per unit of energy ratio
    return kwh / 1000.0 * f.value


def scope2(electricity: Iterable[tuple[int, int, float]], table: FactorTable,
           tz: ZoneInfo | str, region: str = "KR",
           contracts: Sequence[Contract] = (), grid_factor_id: str | None = None
           ) -> Scope2Result:
    """Scope 2 from (start_ms, end_ms, kWh) periods; market-based too when contracts given.

    ``grid_factor_id`` pins one grid factor for every year (e.g. the 2020–2022 average a
    programme prescribes for a baseline); otherwise each year takes its own.
    """
    z = ZoneInfo(tz) if isinstance(tz, str) else tz
    pinned = table.by_id(grid_factor_id) if grid_factor_id else None
    if pinned is not None and pinned.kind != "grid":
        raise FactorError(f"{grid_factor_id!r} is not a grid factor")
    lines = []
    for start, end, kwh in electricity:
        for year, lo, hi, part in split_by_year(start, end, kwh, z):
            f, fb = (pinned, False) if pinned is not None else table.grid(year, region)
            lines.append(Scope2Line(year, lo, hi, part, f, fb, _grid_t(part, f)))
    market = []
    if contracts:
        contracted: dict[int, list[tuple[float, float]]] = {}
        for c in contracts:
            for year, _lo, _hi, part in split_by_year(c.start_ms, c.end_ms, c.kwh, z):
                contracted.setdefault(year, []).append((part, c.factor_t_per_mwh))
        for year in sorted({x.year for x in lines}):
            used = sum(x.kwh for x in lines if x.year == year)
            grid_f = next(x.factor for x in lines if x.year == year)
            left = used
            ct = 0.0
            covered = 0.0
            for kwh, fac in contracted.get(year, []):
                take = min(kwh, left)
                left -= take
                covered += take
                ct += take / 1000.0 * fac
            market.append(MarketLine(year, used, covered, ct, left, grid_f,
                                     ct + _grid_t(left, grid_f)))
    return Scope2Result(tuple(lines), tuple(market), tuple(contracts))


# --- scope 1 ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class FuelUse:
    """Fuel burnt over a period: amount in the NCV's unit (Nm3, L, kg) or in energy (MJ...)."""

    start_ms: int
    end_ms: int
    fuel: str
    amount: float
    unit: str


@dataclass(frozen=True, slots=True)
class Scope1Line:
    year: int
    fuel: str
    amount: float
    unit: str
    energy_tj: float
    ncv: Factor | None
    efs: tuple[Factor, ...]
    gwps: tuple[Factor, ...]
    tco2eq: float


@dataclass(frozen=True)
class Scope1Result:
    lines: tuple[Scope1Line, ...]

    @property
    def tco2eq(self) -> float:
        return sum(x.tco2eq for x in self.lines)

    def factors_used(self) -> tuple[Factor, ...]:
        return _unique(f for x in self.lines
                       for f in ((x.ncv,) if x.ncv else ()) + x.efs + x.gwps)


def scope1(uses: Iterable[FuelUse], table: FactorTable, tz: ZoneInfo | str) -> Scope1Result:
    """Scope 1: amount × NCV × EF (× GWP for non-CO2 gases), per year of the period."""
    z = ZoneInfo(tz) if isinstance(tz, str) else tz
    lines = []
    for u in uses:
        for year, _lo, _hi, part in split_by_year(u.start_ms, u.end_ms, u.amount, z):
            ncv, efs = table.fuel(u.fuel, year)
            if u.unit in ENERGY_UNITS_MJ:
                mj = part * ENERGY_UNITS_MJ[u.unit]
                used_ncv = None
            else:
                if ncv is None:
                    raise FactorError(f"fuel {u.fuel!r}: no NCV to turn {u.unit} into energy")
                if ncv.unit != f"MJ/{u.unit}":
                    raise FactorError(f"fuel {u.fuel!r}: amount in {u.unit!r} but NCV "
                                      f"{ncv.id} is in {ncv.unit!r}")
                mj = part * ncv.value
                used_ncv = ncv
            tj = mj / 1e6
            t = 0.0
            gwps = []
            for ef in efs:
                g = table.gwp(ef.gas or "")
                if g is not None:
                    gwps.append(g)
                t += tj * ef.value / 1000.0 * (g.value if g else 1.0)
            lines.append(Scope1Line(year, u.fuel, part, u.unit, tj, used_ncv, efs,
                                    tuple(gwps), t))
    return Scope1Result(tuple(lines))


@dataclass(frozen=True)
class Ledger:
    """Scope 1 and 2 of one report, with every factor it used (for the report's footnote)."""

    scope1: Scope1Result
    scope2: Scope2Result
    computed_with: tuple[Factor, ...] = field(default=())

    @classmethod
    def compute(cls, fuels: Iterable[FuelUse], electricity: Iterable[tuple[int, int, float]],
                table: FactorTable, tz: ZoneInfo | str, *, region: str = "KR",
                contracts: Sequence[Contract] = (), as_of: dt.date | None = None,
                grid_factor_id: str | None = None) -> Ledger:
        t = table.as_of(as_of) if as_of else table
        s1 = scope1(fuels, t, tz)
        s2 = scope2(electricity, t, tz, region, contracts, grid_factor_id)
        return cls(s1, s2, _unique(s1.factors_used() + s2.factors_used()))

    @property
    def total_location_tco2eq(self) -> float:
        return self.scope1.tco2eq + self.scope2.location_tco2eq
