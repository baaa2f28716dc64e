"""Smart HACCP: CCPs with critical limits, deviations, corrective actions, verification."""
