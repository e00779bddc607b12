"""Column types the registry needs on both SQLite and PostgreSQL."""

from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Stores instants in UTC and gives them back time-zone aware (SQLite would drop the zone)."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the registry stores only time-zone aware instants")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def text_enum(enum: type[StrEnum]) -> sa.Enum:
    """An enum stored as its value in a plain string column (no native PostgreSQL enum to migrate)."""
    return sa.Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=60,
        values_callable=lambda members: [m.value for m in members],
    )
