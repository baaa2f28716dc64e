"""Talking to devices. Yields `Reading`s; knows nothing of records, sectors or Qt."""
