"""Settings of the whole platform as ``govern`` and ``govern up`` read them: the flows' settings
(registry, mail, cycles) plus the ports of what ``govern up`` starts on this machine."""

from pydantic import Field

from flows.bootstrap import Settings


class PlatformSettings(Settings):
    prefect_port: int = Field(4200, description="port of the local Prefect server started by govern up")
    app_port: int = Field(8501, description="port of the Streamlit front end started by govern up")
    feed_port: int = Field(8502, description="port of the calendar feeds govern up serves (ICS, by token)")
