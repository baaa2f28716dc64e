"""Small site configs for engine and CLI tests, with exactly known behaviour."""

COLD_ROOM = """
[site]
name = "Test plant"
timezone = "Asia/Seoul"

[[devices]]
id = "fridge"
profile = "simulator"
interval = 1.0

[devices.points.temp]
unit = "°C"
base = 4.0
steps = [
  { at = 100, duration = 120, value = 12.0 },
  { at = 400, duration = 60, lost = true },
]

[[channels]]
id = "fridge.temp"
name = "Fridge"
[channels.alarm]
high = 8.0
delay = 30
hysteresis = 0.5
stale_after = 10
"""
