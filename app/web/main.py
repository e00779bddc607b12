"""The workspace's entry: who is signed in, then the pages their roles allow, grouped by job.

Run with ``streamlit run app/web/main.py`` (``govern up`` does). Code here runs before each page:
it checks the session on every run, so an expired one ends at the next click.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run` puts app/web/ on the path, not the project root
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from app.web import remembered, session  # noqa: E402
from app.web.components import open_registry, settings  # noqa: E402
from app.web.navigation import PAGES, VIEWS, pages_for  # noqa: E402
from registry.read_models.work import owns_open_work  # noqa: E402


def undelivered_messages(engine, *, partnership: str) -> int:
    """How many of the partnership's messages are dead or uncertain, or stuck with a stopped sender."""
    from flows.bootstrap import utc_now
    from governance.notifications.use_cases import outbox_entries
    from registry.unit_of_work import SqlUnitOfWork

    return len(
        outbox_entries(uow=SqlUnitOfWork(engine, partnership=partnership), now=utc_now(), stuck_only=True)
    )


st.set_page_config(page_title="Safeguarding governance", layout="wide")
# Captions in Streamlit's default grey fall short of WCAG AA contrast (axe: color-contrast): darken them.
st.html("<style>[data-testid=stCaptionContainer]{color:inherit;opacity:0.85}</style>")
config = settings()
engine = open_registry(config)
signed = session.signed_in(engine)
visitor = session.visitor(engine, signed) if signed else None
st.session_state["visitor"] = visitor

if visitor is None:
    # Every page's address leads to the sign-in page, so a link in an e-mail lands on its item after sign-in.
    sign_in = st.Page(
        VIEWS / "sign_in.py", title="Sign in", icon=":material/login:", url_path="sign-in", default=True
    )
    hidden = [
        st.Page(VIEWS / "sign_in.py", title="Sign in", url_path=p.url_path, visibility="hidden")
        for p in PAGES
    ]
    st.navigation([sign_in, *hidden], position="hidden").run()
else:
    owns = owns_open_work(engine, partnership=visitor.partnership, person=visitor.key)
    sections = {
        section: [
            st.Page(
                VIEWS / p.file,
                title=p.title,
                icon=p.icon,
                url_path=p.url_path,
                default=p.url_path == "my-work",
            )
            for p in entries
        ]
        for section, entries in pages_for(visitor.person, owns_work=owns).items()
    }
    remembered.give_cookie()
    st.sidebar.markdown(f"**{visitor.person.name}**  \n{visitor.partnership_name}")
    if visitor.person.works_in_business_unit:
        undelivered = undelivered_messages(engine, partnership=visitor.partnership)
        if undelivered:  # dead or uncertain messages wait for the business unit's decision
            st.sidebar.warning(
                f"{undelivered} message{'s' * (undelivered != 1)} not delivered: confirm or resend on the "
                "Outbox page",
                icon=":material/mail_lock:",
            )
    if st.sidebar.button("Sign out", key="sign_out", icon=":material/logout:"):
        session.sign_out()
        st.rerun()
    st.navigation(sections).run()
