"""Orchestration: Prefect flows for the governance cycles, their schedules, the notifier and the CLI.

Thin adapters: each flow loads, calls a use case from ``governance``, sends, and records.
"""
