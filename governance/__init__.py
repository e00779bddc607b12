"""The domain of safeguarding partnership governance.

Pure rules and use cases: no database, scheduler, web or notification library is imported here,
and nothing here reads the clock, the environment or files. Callers pass ``as_of`` dates,
settings and data in, so a whole governance year can be replayed in a test.
"""
