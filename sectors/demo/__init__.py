"""General monitoring: the demo sector, with simulated devices and channel alarms only."""
