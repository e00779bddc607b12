"""Alembic environment: the registry's metadata, migrated on the URL the caller configured.

On SQLite, batch mode rebuilds a table by copying it and dropping the old one; with foreign keys
enforced, dropping a table others refer to fails (``FOREIGN KEY constraint failed [DROP TABLE
agency]``). So enforcement is off while the migrations run, and the whole registry's references are
checked before the upgrade is committed.
"""

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import registry.tables
from registry.engine import make_engine

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url, "registry.migrate sets sqlalchemy.url"

connectable = config.attributes.get("connection") or make_engine(url)


def _broken_references(connection: sa.Connection) -> list[str]:
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{table} row {rowid} → {parent}" for table, rowid, parent, _ in rows]


def run() -> None:
    with connectable.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql(
                "PRAGMA foreign_keys=OFF"
            )  # outside any transaction: SQLite ignores it inside
            connection.commit()
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=sqlite,
            compare_type=True,
            transaction_per_migration=False,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and (broken := _broken_references(connection)):
                raise RuntimeError("the upgrade would break references: " + "; ".join(broken[:10]))
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


run()
