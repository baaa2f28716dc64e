"""Eco-factory sector: meters, peak demand, GHG ledger, intensity (Qt-free domain cores)."""
