"""Who is using the workspace: signed in (password or OpenID Connect), checked again on every run so
that a session expires, and the person they are in the partnership they chose.

The session is kept in ``st.session_state`` only; nothing about it is cached across users.
"""

from dataclasses import dataclass

import streamlit as st

from app.web import remembered
from app.web.identity import session_now, sign_in_from_streamlit_user, sign_in_on_the_web
from flows.bootstrap import utc_now
from governance.accounts.model import SessionExpired, SignedIn, SignInRefused
from governance.partnership.people import PersonOnRecord
from registry.queries import partnerships
from registry.unit_of_work import SqlUnitOfWork

SIGNED_IN = "signed_in"
ENDED = "session_ended"


@dataclass(frozen=True)
class Visitor:
    """The signed-in person in the partnership they are working in."""

    signed_in: SignedIn
    partnership: str
    partnership_name: str
    person: PersonOnRecord

    @property
    def key(self) -> str:
        return self.person.key


def oidc_configured() -> bool:
    """An ``[auth]`` section in the secrets: sign-in goes through ``st.login``."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def with_password(engine, email: str, password: str) -> str | None:
    """Signs in; the refusal in words when it fails (never saying whether the account exists)."""
    try:
        st.session_state[SIGNED_IN] = sign_in_on_the_web(engine, email, password, now=utc_now())
        remembered.remember(st.session_state[SIGNED_IN])
    except SignInRefused as refusal:
        return str(refusal)
    st.session_state.pop(ENDED, None)
    return None


def _from_oidc(engine) -> SignedIn | None:
    """The OpenID Connect identity ``st.login`` left in ``st.user``, mapped to the registry's people."""
    user = getattr(st, "user", None)
    try:
        return sign_in_from_streamlit_user(
            engine, user.to_dict() if user is not None else None, now=utc_now()
        )
    except SignInRefused as refusal:
        st.session_state[ENDED] = str(refusal)
        return None


def signed_in(engine) -> SignedIn | None:
    """The session, seen again now; None (with the reason kept for the sign-in page) once it has ended."""
    session = st.session_state.get(SIGNED_IN)
    if session is None and ENDED not in st.session_state:
        session = remembered.recalled() or _from_oidc(engine)
    if session is None:
        return None
    try:
        session = session_now(engine, session, now=utc_now())
    except SessionExpired as ended:
        sign_out(reason=str(ended))
        return None
    st.session_state[SIGNED_IN] = session
    remembered.refreshed(session)
    return session


def sign_out(*, reason: str = "") -> None:
    remembered.forget()
    st.session_state.pop(SIGNED_IN, None)
    for key in [k for k in st.session_state if k != ENDED]:
        del st.session_state[key]
    if reason:
        st.session_state[ENDED] = reason
    if getattr(st, "user", None) is not None and st.user.get("is_logged_in") and oidc_configured():
        st.logout()


def visitor(engine, session: SignedIn) -> Visitor | None:
    """The person the account is in the partnership chosen: the link's ``?partnership=``, else the
    last chosen, else the first; a choice in the sidebar when the account serves several."""
    seats = {i.partnership_key: i for i in session.partnerships}
    if not seats:
        return None
    names = {p.key: p.name for p in partnerships(engine) if p.key in seats}
    asked = st.query_params.get("partnership")
    if asked in seats:
        st.session_state["partnership"] = asked
    if st.session_state.get("partnership") not in seats:
        st.session_state["partnership"] = next(iter(seats))
    if len(seats) > 1:
        st.sidebar.selectbox(
            "Partnership",
            list(seats),
            format_func=lambda key: names.get(key, key),
            key="partnership",
            help="You hold roles in several partnerships: the pages show the one chosen here.",
        )
    key = st.session_state["partnership"]
    with SqlUnitOfWork(engine, partnership=key) as uow:
        person = uow.people.find(seats[key].person_key)
    if person is None:
        return None
    return Visitor(signed_in=session, partnership=key, partnership_name=names.get(key, key), person=person)


def current() -> Visitor:
    """The visitor the entry file found (every page runs after it)."""
    found = st.session_state.get("visitor")
    if found is None:
        st.stop()
    return found
