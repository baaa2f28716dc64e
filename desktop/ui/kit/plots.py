"""Two small charts for sector pages, in the look of the shell's trends (pyqtgraph, white
background, the theme's ink and colours): a time plot in the site's time zone with
shaded bands, and labelled bars against a target range.

Sectors may not import `desktop.ui.charts` (the shell's trend page, tied to its plant
state); these take plain numbers, so a page shows exactly the values it read from the
record and a test can read them back (`values`, `bars`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from deungdae.desktop.ui import theme

pg.setConfigOptions(antialias=False, background="w", foreground=theme.INK)


def _fill(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


class TimePlot(pg.PlotWidget):
    """One series over local time (x in ms), with bands shaded where they apply."""

    def __init__(self, tz: ZoneInfo, y_label: str = "", parent=None) -> None:
        utc = datetime.now(tz).utcoffset()
        offset = -int(utc.total_seconds()) if utc is not None else 0
        super().__init__(parent, axisItems={
            "bottom": pg.DateAxisItem(orientation="bottom", utcOffset=offset)})
        self.tz = tz
        self.showGrid(x=True, y=True, alpha=0.25)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        for ax in ("left", "bottom"):
            self.getAxis(ax).setTextPen(theme.INK)
        if y_label:
            self.setLabel("left", y_label)
        self.curve = self.plot([], [], pen=pg.mkPen(theme.SERIES[0], width=2))
        self._bands: list = []
        self._shades: list = []
        self.shaded: list[tuple[int, int]] = []
        self.values: list[tuple[int, float]] = []
        self.band_spans: list[tuple[int, int, float | None, float | None]] = []

    def set_range(self, t0_ms: int, t1_ms: int) -> None:
        self.setXRange(t0_ms / 1000, t1_ms / 1000, padding=0)

    def set_series(self, samples: Sequence[tuple[int, float]]) -> None:
        """Samples (ms, value), time-ordered; a gap of > 3 sample steps is not bridged."""
        self.values = list(samples)
        xs: list[float] = []
        ys: list[float] = []
        step = 0.0
        if len(samples) > 1:
            steps = sorted(b[0] - a[0] for a, b in zip(samples, samples[1:], strict=False))
            step = steps[len(steps) // 2]
        prev = None
        for ts, v in samples:
            if prev is not None and step and ts - prev > 3 * step:
                xs.append((prev + ts) / 2000)
                ys.append(math.nan)
            xs.append(ts / 1000)
            ys.append(v)
            prev = ts
        self.curve.setData(xs, ys, connect="finite")

    def set_bands(self, spans: Sequence[tuple[int, int, float | None, float | None]],
                  colour: str = theme.OK) -> None:
        """Shade (t0 ms, t1 ms, low, high) where a band applies; an open side is drawn to
        the edge of the view."""
        for item in self._bands:
            self.removeItem(item)
        self._bands = []
        self.band_spans = list(spans)
        lows = [lo for _a, _b, lo, _h in spans if lo is not None]
        highs = [hi for _a, _b, _l, hi in spans if hi is not None]
        for a, b, lo, hi in spans:
            y0 = lo if lo is not None else min(lows + [0.0])
            y1 = hi if hi is not None else max(highs + [y0 + 1.0])
            x = [a / 1000, b / 1000]
            top = pg.PlotCurveItem(x, [y1, y1], pen=pg.mkPen(colour, width=1,
                                                              style=Qt.PenStyle.DashLine))
            bottom = pg.PlotCurveItem(x, [y0, y0], pen=pg.mkPen(colour, width=1,
                                                                 style=Qt.PenStyle.DashLine))
            fill = pg.FillBetweenItem(top, bottom, brush=pg.mkBrush(_fill(colour, 45)))
            for item in (fill, top, bottom):
                self.addItem(item)
                self._bands.append(item)


    def set_shade(self, spans: Sequence[tuple[int, int]], colour: str = theme.STALE,
                  label: str = "") -> None:
        """Shade (t0 ms, t1 ms) spans top to bottom (night, say), `label` written in each."""
        for item in self._shades:
            self.removeItem(item)
        self._shades = []
        self.shaded = list(spans)
        for a, b in spans:
            region = pg.LinearRegionItem((a / 1000, b / 1000), movable=False,
                                         brush=pg.mkBrush(_fill(colour, 35)),
                                         pen=pg.mkPen(None))
            region.setZValue(-20)
            self.addItem(region)
            self._shades.append(region)
            if label:
                text = pg.InfLineLabel(region.lines[0], label, position=0.95,
                                       anchors=[(0, 0), (0, 0)], color=theme.MUTED)
                self._shades.append(text)


class BarPlot(pg.PlotWidget):
    """Labelled bars (one per day or month) against a shaded target range."""

    def __init__(self, y_label: str = "", parent=None) -> None:
        super().__init__(parent)
        self.showGrid(x=False, y=True, alpha=0.25)
        self.setMouseEnabled(x=False, y=False)
        self.setMenuEnabled(False)
        self.hideButtons()
        for ax in ("left", "bottom"):
            self.getAxis(ax).setTextPen(theme.INK)
        if y_label:
            self.setLabel("left", y_label)
        self._items: list = []
        self.bars: list[tuple[str, float | None]] = []

    def set_bars(self, bars: Sequence[tuple[str, float | None]],
                 colours: Sequence[str] | None = None,
                 target: tuple[float | None, float | None] | None = None,
                 target_label: str = "") -> None:
        """Bars (label, value or None for no figure), each its colour; `target` (low,
        high) shaded across the chart, `target_label` written on it."""
        for item in self._items:
            self.removeItem(item)
        self._items = []
        self.bars = list(bars)
        n = len(bars)
        self.getAxis("bottom").setTicks([[(i, label) for i, (label, _v) in enumerate(bars)]])
        if target is not None and (target[0] is not None or target[1] is not None):
            lo = target[0] if target[0] is not None else 0.0
            hi = target[1] if target[1] is not None else lo
            region = pg.LinearRegionItem((lo, hi), orientation="horizontal", movable=False,
                                         brush=pg.mkBrush(_fill(theme.OK, 40)),
                                         pen=pg.mkPen(theme.OK, width=1,
                                                      style=Qt.PenStyle.DashLine))
            region.setZValue(-10)
            self.addItem(region)
            self._items.append(region)
            if target_label:
                text = pg.TextItem(target_label, color=theme.OK, anchor=(0, 1))
                text.setPos(-0.5, hi)
                self.addItem(text)
                self._items.append(text)
        xs = [i for i, (_l, v) in enumerate(bars) if v is not None]
        hs = [v for _l, v in bars if v is not None]
        if xs:
            cols = colours or [theme.SERIES[0]] * n
            brushes = [pg.mkBrush(cols[i]) for i in xs]
            item = pg.BarGraphItem(x=xs, height=hs, width=0.7, brushes=brushes,
                                   pen=pg.mkPen(None))
            self.addItem(item)
            self._items.append(item)
        top = max([*hs, (target[1] or target[0] or 0.0) if target else 0.0, 1e-9])
        self.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
        self.setYRange(0, top * 1.15, padding=0)
