"""Writing a partnership's rows a table at a time, counting what was created, updated or left
unchanged, and noting each change for the load's audit event.

A table is written in a handful of statements whatever its size (``sync``): one SELECT of the
partnership's rows, one multi-row INSERT of the new ones, an UPDATE for each changed one (a reload
changes few), and a SELECT of the new ids when there are any. The rows are the partnership's own,
found by its id or through their parent's (a subquery, never a list of ids in bind parameters).
"""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from functools import cache, partial
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, select

from registry import tables as m

Match = tuple[Any, ...]


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

    def upsert(self, model: type[SQLModel], match: dict[str, Any], **values: Any) -> Any:
        """One row through the ORM (the partnership's own row, which the audit chain then holds)."""
        row = self.session.exec(select(model).filter_by(**match)).first()
        if row is None:
            row = model(**match, **values)
            self.session.add(row)
            self.session.flush()
            self._count_created(model, 1)
            return row
        changed = {k: v for k, v in values.items() if getattr(row, k) != v}
        self._count_kept(model, match, {**match, **row.model_dump()}, changed)
        for name, value in changed.items():
            setattr(row, name, value)
        return row

    def mine(self, model: type[SQLModel], parent: type[SQLModel] | None = None, via: str = "") -> Any:
        """The condition for the partnership's rows: by its id, or through the parent table's."""
        table = model.__table__  # type: ignore[attr-defined]
        if parent is None:
            return table.c.partnership_id == self.partnership_id
        parents = sa.select(parent.__table__.c.id).where(
            parent.__table__.c.partnership_id == self.partnership_id
        )  # type: ignore[attr-defined]
        return table.c[via].in_(parents)

    def existing(self, model: type[SQLModel], where: Any, match: Sequence[str]) -> dict[Match, Any]:
        """The partnership's rows of ``model`` by their ``match`` values."""
        table = model.__table__  # type: ignore[attr-defined]
        rows = self.session.execute(sa.select(table).where(where)).mappings()
        return {tuple(row[f] for f in match): row for row in rows}

    def sync(
        self,
        model: type[SQLModel],
        rows: Iterable[dict[str, Any]],
        *,
        match: Sequence[str],
        where: Any = None,
        create_only: Iterable[str] = (),
        found: dict[Match, Any] | None = None,
    ) -> dict[Match, int]:
        """Write ``rows`` (each every value to hold, ``match`` among them): the new ones created, the
        changed ones updated, ``create_only`` values written only on creation. Returns every row's id
        (the partnership's, of this table) by its ``match`` values."""
        table = model.__table__  # type: ignore[attr-defined]
        owned = "partnership_id" in table.c and model is not m.Partnership
        where = self.mine(model) if where is None and owned else where
        found = self.existing(model, where, match) if found is None else found
        only_new = set(create_only)
        new: list[dict[str, Any]] = []
        for values in rows:
            values = {"partnership_id": self.partnership_id, **values} if owned else values
            key = tuple(values[f] for f in match)
            row = found.get(key)
            if row is None:
                new.append(_with_defaults(model, values))
                continue
            changed = {
                k: v for k, v in values.items() if k not in match and k not in only_new and row[k] != v
            }
            self._count_kept(model, dict(zip(match, key, strict=True)), row, changed)
            if changed:
                self.session.execute(sa.update(table).where(table.c.id == row["id"]).values(**changed))
        ids = {key: row["id"] for key, row in found.items()}
        if new:
            self.session.execute(sa.insert(table), new)
            self._count_created(model, len(new))
            columns = [table.c[f] for f in match]
            ids = {
                tuple(r[1:]): r[0] for r in self.session.execute(sa.select(table.c.id, *columns).where(where))
            }
        return ids

    def keep_only(
        self,
        model: type[SQLModel],
        where: Any,
        fields: tuple[str, str],
        kept: set[tuple[Any, Any]],
        among: set[Any],
        named: Callable[[tuple[Any, Any]], str],
    ) -> None:
        """Delete the rows (``where``) of the parents ``among`` whose pair of ``fields`` is not
        ``kept``: what the file no longer lists (a sub-group's reporting line to a board), counted
        as ended and named for the audit event."""
        table = model.__table__  # type: ignore[attr-defined]
        for row in self.session.execute(sa.select(table).where(where)).mappings().all():
            pair = (row[fields[0]], row[fields[1]])
            if pair[0] in among and pair not in kept:
                self.session.execute(sa.delete(table).where(table.c.id == row["id"]))
                self.report["ended"] += 1
                self.changes.append({"change": "ended", "record": named(pair)})

    def _count_created(self, model: type[SQLModel], count: int) -> None:
        self.report["created"] += count
        self.created[model.__name__] += count

    def _count_kept(
        self, model: type[SQLModel], match: dict[str, Any], row: Any, changed: dict[str, Any]
    ) -> None:
        if changed:
            self._note_update(model, match, row, changed)
        self.report["updated" if changed else "unchanged"] += 1

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
                    "before": row["email"],
                    "after": changed["email"],
                }
            )
        fields = {k: {"before": row[k], "after": v} for k, v in changed.items() if k != "email"}
        if fields:
            self.changes.append({"change": "updated", "record": f"{model.__name__} {name}", "fields": fields})


def _with_defaults(model: type[SQLModel], values: dict[str, Any]) -> dict[str, Any]:
    """Every column of a new row: the values given, the model's defaults for the rest."""
    return {name: values[name] if name in values else default() for name, default in _defaults(model)}


@cache
def _defaults(model: type[SQLModel]) -> tuple[tuple[str, Callable[[], Any]], ...]:
    fields = model.model_fields
    return tuple(
        (column.key, partial(fields[column.key].get_default, call_default_factory=True))
        for column in model.__table__.columns  # type: ignore[attr-defined]
        if column.key != "id"
    )


def _as_json(details: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(details, default=str, ensure_ascii=False))
