from __future__ import annotations


class ExtraSector:
    id = "extra"
    name = "Extra sector"

    def templates(self):
        return []

    def check_config(self, section):
        return []

    def rules(self, section, channels, context):
        return []


sector = ExtraSector()
