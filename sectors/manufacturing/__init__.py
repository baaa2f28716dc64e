"""Manufacturing sector: machine state, counts, shifts, OEE, lot process windows (Qt-free)."""
