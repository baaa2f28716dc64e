"""The smart farm sector: greenhouse and livestock-house climate, derived values, crop log."""
