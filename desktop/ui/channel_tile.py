"""One channel on the overview: big value, unit, state in words and colour, age, its
alarm limits (관리기준) and, for a channel a sector watches, the sector's note (a HACCP
CCP's critical limit, 한계기준). Both are refreshed with the value: a changed limit shows
at once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from deungdae.desktop.ui import theme
from deungdae.desktop.ui.display_format import age_text, state_text, value_text
from deungdae.desktop.ui.plant_state import ChannelView


class ChannelTile(QFrame):
    clicked = Signal(str)  # channel key

    def __init__(self, channel: ChannelView, parent=None) -> None:
        super().__init__(parent)
        self.key = channel.key
        self.setObjectName("tile")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(250, 170)
        self.name = QLabel(channel.name)
        self.name.setWordWrap(True)
        self.name.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 44px; font-weight: 700;")
        self.unit = QLabel(channel.unit)
        self.unit.setStyleSheet(f"font-size: 20px; color: {theme.MUTED};")
        self.state = QLabel()
        self.state.setStyleSheet("font-size: 15px; font-weight: 700;")
        self.age = QLabel()
        self.age.setStyleSheet(f"font-size: 13px; color: {theme.MUTED};")
        self.limits = QLabel(self._limits_text(channel))
        self.limits.setStyleSheet(f"font-size: 13px; color: {theme.MUTED};")
        self.limits.setWordWrap(True)
        self.note = QLabel()  # a sector's word on this channel (a CCP's critical limit)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("font-size: 13px; font-weight: 700;")
        self.note.hide()

        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.value, 0, Qt.AlignmentFlag.AlignBottom)
        row.addWidget(self.unit, 0, Qt.AlignmentFlag.AlignBottom)
        row.addStretch(1)
        foot = QHBoxLayout()
        foot.addWidget(self.state)
        foot.addStretch(1)
        foot.addWidget(self.age)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.addWidget(self.name)
        lay.addLayout(row)
        lay.addWidget(self.note)
        lay.addWidget(self.limits)
        lay.addLayout(foot)
        self._shown_state = ""

    def _limits_text(self, c: ChannelView) -> str:
        parts = []
        if c.low is not None:
            parts.append(self.tr("low %1").replace("%1", f"{c.low:g}"))
        if c.high is not None:
            parts.append(self.tr("high %1").replace("%1", f"{c.high:g}"))
        return (self.tr("Alarm limits: ") + " · ".join(parts) if parts else
                self.tr("No alarm limits"))

    def set_note(self, text: str) -> None:
        if self.note.text() != text:
            self.note.setText(text)
            self.note.setVisible(bool(text))

    def refresh(self, c: ChannelView, now_ms: int) -> None:
        limits = self._limits_text(c)
        if self.limits.text() != limits:  # changed in Settings: shown at once
            self.limits.setText(limits)
        text = value_text(c.value)
        if not c.unit and c.value is not None and float(c.value).is_integer():
            text = f"{c.value:.0f}"  # a unitless whole number is a state or a count: "1"
        if self.value.text() != text:
            self.value.setText(text)
        state = c.state(now_ms)
        if state != self._shown_state:
            self._shown_state = state
            colour = theme.state_colour(state)
            tint = {"alarm": "#fdecec", "lost": "#fdecec", "stale": "#f1f1f1",
                    "none": "#f7f7f7"}.get(state, theme.CARD)
            self.setStyleSheet(
                f"QFrame#tile {{ background: {tint}; border: 1px solid {theme.LINE};"
                f" border-left: 10px solid {colour}; border-radius: 8px; }}")
            label = state_text(state)
            if state == "alarm":
                label += " · " + ", ".join(
                    self.tr("HIGH") if s == "high" else self.tr("LOW")
                    for s in sorted(c.alarm_sides))
            self.state.setText(("● " if state == "ok" else "▲ " if state in ("alarm", "lost")
                                else "○ ") + label)
            self.state.setStyleSheet(f"font-size: 15px; font-weight: 700; color: {colour};")
            self.value.setStyleSheet(
                f"font-size: 44px; font-weight: 700; color: "
                f"{theme.ALARM if state == 'alarm' else theme.STALE if state in ('stale', 'lost', 'none') else theme.INK};")
        self.age.setText(age_text(None if c.ts is None else now_ms - c.ts))

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(self.key)
        super().mouseReleaseEvent(event)
