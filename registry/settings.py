"""Typed settings, read from ``GOVERN_*`` environment variables (or ``.env``) at the edge.

Every field here is documented in the README's configuration table; a test checks that.
"""

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GOVERN_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path(".govern"), description="where the SQLite registry, Prefect's home and the mail sink live")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL of the registry; default a SQLite file in the data directory"
    )
    email_url: str | None = Field(
        None,
        description="Apprise e-mail URL messages are sent through, e.g. mailtos://user:pass@smtp.example.org?from=…; "
        "default the local mail sink",
    )
    apprise_config: Path | None = Field(
        None, description="Apprise YAML configuration whose URLs are tagged person:<key>; replaces e-mail for those people"
    )
    mail_from: str = Field("safeguarding-business-unit@governance.example", description="sender address of messages")
    mail_sink_port: int = Field(8025, description="port of the local mail sink on 127.0.0.1")
    prefect_port: int = Field(4200, description="port of the local Prefect server started by govern up")
    app_port: int = Field(8501, description="port of the Streamlit front end started by govern up")
    due_soon_days: int = Field(14, ge=0, le=90, description="an action or deadline due within this many days is due soon")

    @field_validator("database_url")
    @classmethod
    def _known_driver(cls, url: str | None) -> str | None:
        if url and not url.startswith(("sqlite", "postgresql+psycopg")):
            raise ValueError("GOVERN_DATABASE_URL must be sqlite:///… or postgresql+psycopg://…")
        return url

    @property
    def registry_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'registry.db').resolve()}"

    @property
    def mail_sink_dir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"

    @property
    def outgoing_email_url(self) -> str:
        """Where e-mail goes: the configured URL, or the local mail sink."""
        return self.email_url or f"mailto://127.0.0.1:{self.mail_sink_port}?from={self.mail_from}"
