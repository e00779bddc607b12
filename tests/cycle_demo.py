"""The Bradford demo set up for a cycle's flow run: the registry named to the flows, a data
directory, and a free loopback port for the mail sink the flows' delivery reaches."""

import socket
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from registry.partnership_file.loader import load_partnership_file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def demo_for_flows(url: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """``{"engine", "port", "mail"}``: the demo loaded, the flows pointed at it, the sink's Maildir."""
    port = free_port()
    monkeypatch.setenv("GOVERN_DATABASE_URL", url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("GOVERN_MAIL_SINK_PORT", str(port))
    load_partnership_file(engine)
    return {"engine": engine, "port": port, "mail": tmp_path / "mail"}
