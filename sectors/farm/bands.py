"""Comfort bands per crop stage and time of day, with delay and hysteresis.

A band watches one value of a zone (air temperature, RH, CO2, VPD, ...) while it applies:
at its time of day (day, night or all, from `daynight`) and in its crop stages. Beyond
low or high for `delay` seconds opens a `farm.band_out` incident (dated from when the
value first left the band, like the platform's channel alarms); it closes with
`farm.band_in` once the value is back inside by more than `hysteresis`, or when the band
stops applying (night began, the stage changed): then the other band takes over and the
close row says why (`why`: "back", "period", "stage"). Rows hold keys and numbers.
"""

from __future__ import annotations

from deungdae.records.store import NewEvent
from deungdae.sectors.farm.zones import Band

OPEN_KIND = "farm.band_out"
CLOSE_KIND = "farm.band_in"


class BandWatch:
    __slots__ = ("band", "channel", "unit", "delay_ms", "since", "side", "active", "worst",
                 "opened")

    def __init__(self, band: Band, channel: str, unit: str = "") -> None:
        self.band, self.channel, self.unit = band, channel, unit
        self.delay_ms = int(band.delay_s * 1000)
        self.since: int | None = None
        self.side = ""
        self.active = False
        self.worst: float | None = None
        self.opened: int | None = None

    def _limit(self, side: str) -> float:
        v = self.band.low if side == "low" else self.band.high
        assert v is not None
        return v

    def _beyond(self, v: float) -> str:
        b = self.band
        if b.low is not None and v < b.low:
            return "low"
        if b.high is not None and v > b.high:
            return "high"
        return ""

    def _open(self, ts: int, v: float, confirmed: int) -> NewEvent:
        b, lim = self.band, self._limit(self.side)
        sym = "<" if self.side == "low" else ">"
        return NewEvent(
            ts=ts, kind=OPEN_KIND, severity="alarm", channel=self.channel,
            message=f"{b.zone} {b.input} {v:g} {self.unit} {sym} {lim:g} ({b.when})".strip(),
            data={"band": b.id, "side": self.side, "zone": b.zone, "input": b.input,
                  "when": b.when, "limit": lim, "value": v, "confirmed_at": confirmed})

    def close(self, ts: int, why: str, value: float | None = None) -> NewEvent:
        b = self.band
        ev = NewEvent(
            ts=ts, kind=CLOSE_KIND, severity="info", channel=self.channel,
            message=f"{b.zone} {b.input} band {b.when}: {why}",
            data={"band": b.id, "side": self.side, "zone": b.zone, "input": b.input,
                  "when": b.when, "limit": self._limit(self.side), "worst": self.worst,
                  "value": value, "why": why, "opened_at": self.opened})
        self.active, self.since, self.worst, self.opened = False, None, None, None
        return ev

    def stop(self, ts: int, why: str) -> NewEvent | None:
        """The band no longer applies: close an open incident, forget a pending one."""
        self.since = None
        return self.close(ts, why) if self.active else None

    def feed(self, ts: int, v: float) -> NewEvent | None:
        if self.active:
            if (v < self.worst) if self.side == "low" else (v > self.worst):  # type: ignore[operator]
                self.worst = v
            lim, h = self._limit(self.side), self.band.hysteresis
            if (v >= lim + h) if self.side == "low" else (v <= lim - h):
                return self.close(ts, "back", v)
            return None
        side = self._beyond(v)
        if not side:
            self.since = None
            return None
        if self.since is None or side != self.side:
            self.since, self.side = ts, side
        if ts - self.since >= self.delay_ms:
            self.active, self.worst, self.opened = True, v, self.since
            return self._open(self.since, v, ts)
        return None
