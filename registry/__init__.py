"""Persistence: the registry's tables, engine, unit of work, migrations and the demo partnership."""
