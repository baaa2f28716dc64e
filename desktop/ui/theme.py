"""The look: a calm, high-contrast light theme with large touch targets.

Colours carry the plant's state, so they are named by meaning (ok, alarm, stale), never
by hue, and every widget that shows a state asks here for its colour.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

# State colours: readable from a metre away, distinguishable for red-green colour blindness
# by brightness as well as hue; a state is never shown by colour alone (text says it too).
OK = "#1b7f3b"
WARN = "#b35900"
ALARM = "#c62828"
STALE = "#6b6b6b"
INFO = "#1f5fa8"
INK = "#16202a"
MUTED = "#4a5560"
PAPER = "#f4f6f8"
CARD = "#ffffff"
LINE = "#c9d1d9"

STATE_COLOURS = {"ok": OK, "warn": WARN, "alarm": ALARM, "stale": STALE, "lost": ALARM,
                 "none": STALE}

# Chart pens, in an order that stays distinguishable on white.
SERIES = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#0e7490", "#a16207", "#be185d",
          "#334155"]

TOUCH = 48  # px: minimum height of anything a finger presses

STYLESHEET = f"""
QWidget {{ color: {INK}; font-size: 15px; }}
QMainWindow, QDialog, QWizard {{ background: {PAPER}; }}
QPushButton, QToolButton {{
    min-height: {TOUCH}px; padding: 0 18px; border: 1px solid {LINE}; border-radius: 6px;
    background: {CARD}; font-weight: 600;
}}
QPushButton:hover, QToolButton:hover {{ border-color: {INFO}; }}
QPushButton:pressed, QToolButton:checked {{ background: #dbe7f5; border-color: {INFO}; }}
QPushButton[role="primary"] {{ background: {INFO}; color: white; border-color: {INFO}; }}
QPushButton[role="danger"] {{ background: {ALARM}; color: white; border-color: {ALARM}; }}
QPushButton:disabled {{ color: #9aa4ae; background: #eef1f4; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QDateTimeEdit, QPlainTextEdit {{
    min-height: 40px; padding: 0 8px; border: 1px solid {LINE}; border-radius: 6px;
    background: {CARD};
}}
QPlainTextEdit {{ padding: 6px; }}
QListWidget#nav {{
    background: {INK}; color: white; border: none; font-size: 17px; outline: none;
}}
QListWidget#nav::item {{ min-height: 56px; padding: 0 16px; color: #e6edf3; }}
QListWidget#nav::item:selected {{ background: {INFO}; color: white; }}
QTableView, QTableWidget {{
    background: {CARD}; gridline-color: #e3e8ed; border: 1px solid {LINE};
    selection-background-color: #dbe7f5; selection-color: {INK};
}}
QHeaderView::section {{
    background: #e9edf1; padding: 6px; border: none; border-right: 1px solid {LINE};
    font-weight: 600;
}}
QTabBar::tab {{ min-height: 40px; padding: 0 18px; }}
QTabBar::tab:selected {{ background: {CARD}; font-weight: 600; }}
QStatusBar {{ background: {INK}; color: white; font-size: 14px; }}
QStatusBar QLabel {{ color: white; padding: 0 10px; }}
QGroupBox {{ font-weight: 600; border: 1px solid {LINE}; border-radius: 6px;
    margin-top: 14px; padding-top: 10px; background: {CARD}; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; }}
QCheckBox {{ min-height: 32px; }}
QLabel[role="title"] {{ font-size: 22px; font-weight: 700; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
"""


def state_colour(state: str) -> str:
    return STATE_COLOURS.get(state, STALE)


def apply(app: QApplication) -> None:
    """Fonts that cover Hangul first, then the stylesheet."""
    font = QFont()
    font.setFamilies(["NanumGothic", "NanumBarunGothic", "Malgun Gothic", "Noto Sans CJK KR",
                      "Apple SD Gothic Neo", "Sans Serif"])
    font.setPointSize(11)
    app.setFont(font)
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(PAPER))
    pal.setColor(QPalette.ColorRole.WindowText, QColor(INK))
    app.setPalette(pal)
    app.setStyleSheet(STYLESHEET)
