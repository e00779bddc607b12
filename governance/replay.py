"""What a replay of the cycles over a range of days did, month by month and cycle by cycle.

A business manager replays a year against a copy of the registry before going live: how many
deadlines were recorded, requests and reminders sent, escalations reached a chair or the business
manager, reports dispatched to their statutory recipients, and what would have gone wrong. The
deadlines falling due each month are set beside the engine's own listing of them, so a difference
between what the cycles record and what the rules produce shows up as a problem.
"""

from collections import Counter
from datetime import date

from pydantic import BaseModel

COLUMNS = ("deadlines", "requests", "reminders", "escalations", "dispatches", "sent", "problems")


class CycleTally(BaseModel):
    """One cycle's work in one month (or over the whole replay)."""

    deadlines: int = 0
    """Deadlines the cycle recorded."""
    requests: int = 0
    """Messages the cycle queued that ask for something (highlight reports, updates, contributions)."""
    reminders: int = 0
    """Escalation-ladder steps that told the deadline's owner."""
    escalations: int = 0
    """Escalation-ladder steps that told someone else: a sub-group lead, the chair, the business manager."""
    dispatches: int = 0
    """Reports dispatched to a statutory recipient."""
    sent: int = 0
    """Messages delivered (into the replay's capture: nothing leaves the machine)."""
    problems: int = 0
    """Runs that failed and messages that could not be delivered."""

    def add(self, other: "CycleTally") -> None:
        for column in COLUMNS:
            setattr(self, column, getattr(self, column) + getattr(other, column))

    def row(self) -> tuple[int, ...]:
        return tuple(getattr(self, column) for column in COLUMNS)


def month_of(day: date) -> str:
    return f"{day:%Y-%m}"


class ReplayReport(BaseModel):
    start: date
    end: date
    partnerships: list[str]
    cycles: list[str]
    not_replayed: dict[str, str] = {}
    """Cycles the replay could not run, with the reason (their use case is not there yet)."""
    months: dict[str, dict[str, CycleTally]] = {}
    falling_due: dict[str, int] = {}
    """Deadlines the copy records as falling due each month (by their first due date), after the replay."""
    listed: dict[str, int] = {}
    """Deadlines the engine's listing (``govern deadlines --from --to``) gives for each month."""
    already_run: int = 0
    """Deadlines the copy already held, recorded on or after the first day replayed: the registry has
    run since then, so the replay shows only what was still to do."""
    problems: list[str] = []
    """What would have gone wrong, each said once with the day and the partnership."""
    documents: int = 0
    """Documents the cycles drafted to attach (board packs, monthly summaries)."""
    typeset: bool = False
    """Whether each was typeset as PDF (``--typeset``), or drafted and stood in for by a page naming it."""
    seconds: float = 0.0
    seconds_by_cycle: dict[str, float] = {}
    """Time each cycle's runs took in all, to see which one bounds the replay."""

    def timed(self, cycle: str, seconds: float) -> None:
        self.seconds_by_cycle[cycle] = self.seconds_by_cycle.get(cycle, 0.0) + seconds

    def tally(self, day: date, cycle: str) -> CycleTally:
        return self.months.setdefault(month_of(day), {}).setdefault(cycle, CycleTally())

    def problem(self, day: date, cycle: str, partnership: str, said: str) -> None:
        self.tally(day, cycle).problems += 1
        self.problems.append(f"{day} {cycle} [{partnership}]: {said}")

    def total(self, month: str | None = None) -> dict[str, CycleTally]:
        """Per cycle, over one month or over the whole replay."""
        totals = {cycle: CycleTally() for cycle in self.cycles}
        for key, per_cycle in self.months.items():
            if month is None or key == month:
                for cycle, tally in per_cycle.items():
                    totals.setdefault(cycle, CycleTally()).add(tally)
        return totals

    def month_total(self, month: str) -> CycleTally:
        total = CycleTally()
        for tally in self.total(month).values():
            total.add(tally)
        return total

    @property
    def differences(self) -> dict[str, tuple[int, int]]:
        """Months whose recorded deadlines differ from the engine's listing: (recorded, listed)."""
        months = sorted(set(self.falling_due) | set(self.listed))
        return {
            m: (self.falling_due.get(m, 0), self.listed.get(m, 0))
            for m in months
            if self.falling_due.get(m, 0) != self.listed.get(m, 0)
        }

    def month_line(self, month: str) -> str:
        t = self.month_total(month)
        return (
            f"{month}: {t.deadlines} deadlines recorded, {t.requests} requests, {t.reminders} reminders, "
            f"{t.escalations} escalations, {t.dispatches} dispatches, {t.sent} messages captured, "
            f"{t.problems} problems"
        )

    def summary(self) -> str:
        width = max([len(c) for c in self.cycles] + [5])
        head = f"{'cycle':<{width}}  " + " ".join(f"{c:>11}" for c in COLUMNS)
        lines = [
            f"Replay of {', '.join(self.partnerships) or 'no partnership'} from {self.start:%d %B %Y} "
            f"to {self.end:%d %B %Y} ({self.seconds:.1f} s), against a copy: the registry was not "
            "changed and no mail was sent.",
        ]
        if self.already_run:
            lines.append(
                f"NOTE: the registry already holds {self.already_run} deadlines recorded on or after "
                f"{self.start:%d %B %Y}: it has run since, so this replay shows only what was still to do. "
                "To check a year's configuration whole, replay a registry freshly loaded from the "
                "partnership file."
            )
        if self.documents and not self.typeset:
            lines.append(
                f"{self.documents} documents were drafted to attach and not typeset: each PDF is a page "
                "naming it (replay with --typeset to typeset them, about a second each)."
            )
        for month in sorted(self.months):
            lines += [
                "",
                f"{month}  (falling due: {self.falling_due.get(month, 0)}; "
                f"the engine lists {self.listed.get(month, 0)})",
                head,
            ]
            for cycle, tally in self.total(month).items():
                if any(tally.row()):
                    lines.append(f"{cycle:<{width}}  " + " ".join(f"{n:>11}" for n in tally.row()))
        lines += ["", "Whole range", head]
        for cycle, tally in self.total().items():
            lines.append(f"{cycle:<{width}}  " + " ".join(f"{n:>11}" for n in tally.row()))
        took = ", ".join(
            f"{c} {s:.1f} s" for c, s in sorted(self.seconds_by_cycle.items(), key=lambda i: -i[1])
        )
        lines += ["", f"time per cycle: {took or 'none'}"]
        lines += self._verdict()
        return "\n".join(lines)

    def _verdict(self) -> list[str]:
        lines = [""]
        for cycle, reason in self.not_replayed.items():
            lines.append(f"not replayed: {cycle} ({reason})")
        differences = self.differences
        for month, (recorded, listed) in differences.items():
            lines.append(f"{month}: {recorded} deadlines recorded, but the engine lists {listed}")
        if not differences:
            lines.append(f"deadlines falling due: {sum(self.falling_due.values())}, as the engine lists them")
        said = Counter(p.split(": ", 1)[-1] for p in self.problems)
        if self.problems:
            lines.append(f"what would have gone wrong ({len(self.problems)}):")
            lines += [f"  {n}× {what}" for what, n in said.most_common(20)]
            lines.append(f"  first: {self.problems[0]}")
        else:
            lines.append("nothing would have gone wrong")
        return lines
