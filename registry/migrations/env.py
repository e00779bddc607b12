"""Alembic environment: the registry's metadata, migrated on the URL the caller configured."""

from alembic import context
from sqlmodel import SQLModel

import registry.tables
from registry.engine import make_engine

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url, "registry.migrate sets sqlalchemy.url"

connectable = config.attributes.get("connection") or make_engine(url)


def run() -> None:
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run()
