"""The registry's settings: where it lives. Read from ``GOVERN_*`` variables (or ``.env``) at the edge.

Every field of every settings class is documented in the README's configuration table; a test checks.
"""

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class RegistrySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GOVERN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        Path(".govern"), description="where the SQLite registry, Prefect's home and the mail sink live"
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the registry; default a SQLite file in the data directory"
    )
    partnership: str | None = Field(
        None,
        description="the partnership a command acts for when none is named; "
        "needed only when the registry holds several",
    )

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, url: str | None) -> str | None:
        if url and not url.startswith(("sqlite", "postgresql+psycopg")):
            raise ValueError("GOVERN_DATABASE_URL must be sqlite:///… or postgresql+psycopg://…")
        return url

    @property
    def registry_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'registry.db').resolve()}"
