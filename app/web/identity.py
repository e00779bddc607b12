"""Sign-in and the calendar, as the workspace calls them: password or OpenID Connect (``st.user``)
to the same ``SignedIn``, a session checked on every run, the person's ICS, and the subscribable
feed served over HTTP (Streamlit serves pages, not files at an address).

No Streamlit here: the pages pass ``st.user`` in, so this is tested without a browser. Every call
is a use case of ``governance.accounts``; the clock is read by the caller (``now``).
"""

from collections.abc import Mapping
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flows.bootstrap import utc_now
from governance.accounts.calendar import calendar_feed, my_calendar, to_ics
from governance.accounts.model import SignedIn
from governance.accounts.use_cases import check_session, sign_in, sign_in_with_oidc
from governance.rules import RuleBroken
from registry.sql.accounts import SqlAccounts
from registry.unit_of_work import SqlUnitOfWork

FEED_PATH = "/calendar.ics"
DEFAULT_FEED_PORT = 8502
"""Where ``feed_server`` listens unless told: beside the front end's 8501."""


def sign_in_on_the_web(engine: Any, email: str, password: str, *, now: datetime) -> SignedIn:
    """A password sign-in; ``SignInRefused`` in words that never say whether the account exists."""
    return sign_in(email, password, accounts=SqlAccounts(engine), now=now)


def sign_in_from_streamlit_user(
    engine: Any, user: Mapping[str, Any] | None, *, now: datetime
) -> SignedIn | None:
    """``st.user`` of an OpenID Connect sign-in, as the person it is in each partnership; None when
    nobody is logged in there. ``SignInRefused`` when the address is nobody's on record or the account
    is disabled."""
    if not user or not user.get("is_logged_in") or not user.get("email"):
        return None
    issuer = str(user.get("iss") or "OpenID Connect")
    return sign_in_with_oidc(str(user["email"]), issuer, accounts=SqlAccounts(engine), now=now)


def session_now(engine: Any, signed_in: SignedIn, *, now: datetime) -> SignedIn:
    """The session seen again (idle limit restarted, roles read again), or ``SessionExpired`` saying why."""
    return check_session(signed_in, now, accounts=SqlAccounts(engine))


def _uow_for(engine: Any):
    return lambda partnership: SqlUnitOfWork(engine, partnership=partnership)


def my_calendar_ics(engine: Any, signed_in: SignedIn, *, now: datetime) -> bytes:
    """The person's calendar in every partnership they serve, exempt items masked as they may see them."""
    entries = my_calendar(signed_in.partnerships, unit_of_work=_uow_for(engine))
    return to_ics(entries, name=f"Governance calendar of {signed_in.email}", stamp=now).encode("utf-8")


def feed_ics(engine: Any, token: str, *, now: datetime) -> bytes:
    """The calendar behind a feed token; ``RuleBroken`` for a revoked, unknown or disabled one."""
    text = calendar_feed(token, accounts=SqlAccounts(engine), unit_of_work=_uow_for(engine), stamp=now)
    return text.encode("utf-8")


def feed_address(base: str, token: str) -> str:
    return f"{base.rstrip('/')}{FEED_PATH}?token={token}"


def feed_server(
    engine: Any, *, host: str = "127.0.0.1", port: int = DEFAULT_FEED_PORT
) -> ThreadingHTTPServer:
    """An HTTP server of calendar feeds (``GET /calendar.ics?token=…``); call ``serve_forever()``.
    The token never reaches a log."""

    class Feeds(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            token = parse_qs(url.query).get("token", [""])[0]
            if url.path != FEED_PATH or not token:
                return self._answer(404, b"Not found\n", "text/plain")
            try:
                body = feed_ics(engine, token, now=utc_now())
            except RuleBroken as refused:
                return self._answer(404, f"{refused}\n".encode(), "text/plain")
            self._answer(200, body, "text/calendar")

        def _answer(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "private, max-age=300")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # no token in any log
            return

    return ThreadingHTTPServer((host, port), Feeds)
