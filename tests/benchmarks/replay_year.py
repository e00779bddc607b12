"""Benchmark: ``govern replay`` of the Bradford demo year (every cycle, every day, from 1 April
2025 to 31 March 2026) against a copy of the registry; the issue's target is ≤ 30 s.

Prints the whole replay's time, each cycle's share, and a lower bound measured in the same run:
the replay's own machinery (copy, day loop, counting what each run added) with every cycle a
no-op. Asserts nothing. Run:

    .venv/bin/python -m tests.benchmarks.replay_year [sqlite:///…|postgresql+psycopg://…] [--typeset]

With no URL it loads the demo into a temporary SQLite file.
"""

import logging
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from flows import replay_cycles
from flows.replay import replay
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file

START, END = date(2025, 4, 1), date(2026, 3, 31)
TARGET_S = 30.0


def demo_registry() -> str:
    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='govern-replay-bench-')) / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    engine.dispose()
    return url


def machinery_alone(url: str) -> float:
    """The same replay with every cycle doing nothing: what the loop and its counting cost."""
    available, _ = replay_cycles.cycles_to_replay()
    idle = ([(cycle, lambda day, key: None) for cycle, _ in available], {})
    return replay(url, START, END, cycles=idle).report.seconds


def main(url: str, typeset: bool = False) -> None:
    logging.disable(logging.WARNING)  # WeasyPrint's notes on the stylesheet, once per board pack
    cpu = time.process_time()
    done = replay(url, START, END, typeset=typeset)
    cpu = time.process_time() - cpu
    report = done.report
    bound = machinery_alone(url)
    days = (END - START).days + 1
    print(
        f"registry: {url.split('://')[0]}; replay {START} to {END}: {days} days, {len(report.cycles)} cycles"
    )
    verdict = "within" if report.seconds <= TARGET_S else "OVER"
    print(
        f"replay: {report.seconds:.1f} s ({report.seconds / days * 1000:.0f} ms a day), {verdict} the "
        f"{TARGET_S:.0f} s target; {report.seconds / bound:.1f}× the machinery alone ({bound:.2f} s)"
    )
    print(
        f"  its CPU time {cpu:.1f} s: what the replay takes on an idle core (the machine is shared; "
        f"load average now {os.getloadavg()[0]:.1f}); documents drafted {report.documents}, "
        f"{'typeset' if report.typeset else 'not typeset (--typeset to typeset them)'}"
    )
    for cycle, seconds in sorted(report.seconds_by_cycle.items(), key=lambda item: -item[1]):
        print(f"  {cycle:<22} {seconds:6.1f} s  {seconds / days * 1000:6.1f} ms a day")
    for cycle, reason in report.not_replayed.items():
        print(f"  not replayed: {cycle} ({reason})")
    print(
        f"deadlines falling due: {sum(report.falling_due.values())}; the engine lists {sum(report.listed.values())}"
    )
    print(f"problems: {len(report.problems)}")


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--typeset"]
    main(arguments[0] if arguments else demo_registry(), typeset="--typeset" in sys.argv)
