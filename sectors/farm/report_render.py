"""Farm reports (filled in below)."""
REPORTS: list = []
