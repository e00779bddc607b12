"""Writing a partnership's rows one by one, counting what was created, updated or left unchanged,
and noting each change for the load's audit event."""

import json
from collections import Counter
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, select

from registry import tables as m


class LoadSummary(Counter[str]):
    """Counts of ``created``, ``updated``, ``ended`` (roles) and ``unchanged`` rows, and the changes."""

    changes: tuple[dict[str, Any], ...] = ()

    def summary(self) -> str:
        counts = f"{self['created']} created, {self['updated']} updated, {self['ended']} ended"
        return f"{counts}, {self['unchanged']} unchanged"

    @property
    def changed_anything(self) -> bool:
        return bool(self["created"] or self["updated"] or self["ended"])

    def roles_changed(self) -> list[str]:
        """Each role added or ended, in words: ``role ended: helen-achebe, independent chair on board tbp``."""
        return [
            f"{c['change']}: {c['person']}, {c['role']} on {c['on']}"
            for c in self.changes
            if c.get("change") in ("role added", "role ended")
        ]


class Writer:
    partnership_id: int

    def __init__(self, session: Session, report: LoadSummary, *, at: datetime) -> None:
        self.session = session
        self.report = report
        self.at = at
        self.created: Counter[str] = Counter()
        self.changes: list[dict[str, Any]] = []

    def details(self) -> dict[str, Any]:
        counts = {k: self.report[k] for k in ("created", "updated", "ended", "unchanged")}
        return _as_json({**counts, "created by table": dict(self.created), "changes": self.changes})

    def upsert(
        self,
        model: type[SQLModel],
        match: dict[str, Any],
        *,
        create_only: dict[str, Any] | None = None,
        **values: Any,
    ) -> Any:
        if model is not m.Partnership and "partnership_id" in model.model_fields:
            values.pop("partnership_id", None)
            match = {"partnership_id": self.partnership_id, **match}  # keys are unique within the partnership
        row = self.session.exec(select(model).filter_by(**match)).first()
        if row is None:
            row = model(**match, **values, **(create_only or {}))
            self.session.add(row)
            self.session.flush()
            self.report["created"] += 1
            self.created[model.__name__] += 1
            return row
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        if changed:
            self._note_update(model, match, row, changed)
        for name, value in changed.items():
            setattr(row, name, value)
        self.report["updated" if changed else "unchanged"] += 1
        return row

    def keep_only(
        self, model: type[SQLModel], match: dict[str, Any], field: str, kept: set[Any], what: str
    ) -> None:
        """Delete the rows matching ``match`` whose ``field`` is not in ``kept``: what the file no
        longer lists (a sub-group's reporting line to a board), counted as ended and named by ``what``."""
        for row in self.session.exec(select(model).filter_by(**match)).all():
            if getattr(row, field) not in kept:
                self.session.delete(row)
                self.report["ended"] += 1
                self.changes.append({"change": "ended", "record": what[getattr(row, field)]})

    def _note_update(
        self, model: type[SQLModel], match: dict[str, Any], row: Any, changed: dict[str, Any]
    ) -> None:
        name = (
            match.get("key")
            or match.get("reference")
            or ", ".join(str(v) for k, v in match.items() if not k.endswith("_id"))
        )
        if model is m.Person and "email" in changed:
            self.changes.append(
                {
                    "change": "e-mail address changed",
                    "person": name,
                    "before": row.email,
                    "after": changed["email"],
                }
            )
        fields = {k: {"before": getattr(row, k), "after": v} for k, v in changed.items() if k != "email"}
        if fields:
            self.changes.append({"change": "updated", "record": f"{model.__name__} {name}", "fields": fields})


def _as_json(details: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(details, default=str, ensure_ascii=False))
