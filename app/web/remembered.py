"""A signed-in session kept across a reload of the page: a random token in a cookie of this site,
the session itself in this server's memory only (lost when it restarts, so everyone signs in again).

The cookie names nothing about the person; the token is kept here as its SHA-256. The session is
still checked on every run (``session.signed_in``), so it expires as any other; signing out
forgets it and clears the cookie.
"""

import hashlib
import secrets
import threading

import streamlit as st

from governance.accounts.model import SignedIn

COOKIE = "govern_session"
TOKEN = "session_token"
_sessions: dict[str, SignedIn] = {}
_lock = threading.Lock()


def _key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def remember(session: SignedIn) -> None:
    """Keep the session under a new token, given to the browser as a cookie at the next run."""
    token = secrets.token_urlsafe(32)
    with _lock:
        _sessions[_key(token)] = session
    st.session_state[TOKEN] = token


def refreshed(session: SignedIn) -> None:
    """The session as last seen (its idle limit restarted), for the next reload."""
    token = st.session_state.get(TOKEN)
    if token:
        with _lock:
            _sessions[_key(token)] = session


def recalled() -> SignedIn | None:
    """The session the browser's cookie names, if this server still keeps it."""
    token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str) or not token:  # no cookie (or none at all, as under AppTest)
        return None
    with _lock:
        session = _sessions.get(_key(token))
    if session is not None:
        st.session_state[TOKEN] = token
        st.session_state["cookie_set"] = True
    return session


def forget() -> None:
    token = st.session_state.pop(TOKEN, None)
    if token:
        with _lock:
            _sessions.pop(_key(token), None)
    _set_cookie("", max_age=0)


def give_cookie() -> None:
    """Once a session: the browser keeps the token (this site only, not sent elsewhere)."""
    token = st.session_state.get(TOKEN)
    if token and not st.session_state.get("cookie_set"):
        _set_cookie(token, max_age=8 * 3600)
        st.session_state["cookie_set"] = True


def _set_cookie(value: str, *, max_age: int) -> None:
    # The token is ours (URL-safe base64), never user input; SameSite=Strict keeps it to this site.
    st.sidebar.html(
        f"<script>document.cookie = '{COOKIE}={value}; path=/; max-age={max_age}; SameSite=Strict';</script>",
        unsafe_allow_javascript=True,
    )
