"""Where messages go: the settings the notifier and the local mail sink read."""

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from governance.notifications.links import DEFAULT_WORKSPACE_URL


class MailSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GOVERN_", env_file=".env", extra="ignore")

    email_url: str | None = Field(
        None,
        description="Apprise e-mail URL messages are sent through, e.g. mailtos://user:pass@smtp.example.org?from=…; "
        "default the local mail sink",
    )
    apprise_config: Path | None = Field(
        None,
        description="Apprise YAML configuration whose URLs are tagged person:<key>; replaces e-mail for those people",
    )
    mail_from: str = Field(
        "safeguarding-business-unit@governance.example", description="sender address of messages"
    )
    mail_sink_port: int = Field(8025, description="port of the local mail sink on 127.0.0.1")
    workspace_url: str = Field(
        DEFAULT_WORKSPACE_URL,
        description="the workspace's address as recipients reach it; every message links to a page under it",
    )

    @property
    def outgoing_email_url(self) -> str:
        """Where e-mail goes: the configured URL, or the local mail sink."""
        return self.email_url or f"mailto://127.0.0.1:{self.mail_sink_port}?from={self.mail_from}"
