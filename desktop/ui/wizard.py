"""First-run wizard (placeholder until the full wizard lands)."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard


class SetupWizard(QWizard):
    def __init__(self, root, translations, parent=None) -> None:
        super().__init__(parent)
        self.root = root
