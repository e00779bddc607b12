"""The front end's entry: every page, grouped as the business unit uses them.

Run with ``streamlit run app/web/main.py`` (``govern up`` does). Code here runs before each page.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `streamlit run` puts app/web/ on the path, not the project root
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

# Not "pages": on a deep link Streamlit would list a folder of that name again, as v1 pages.
PAGES = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="Safeguarding governance", layout="wide")
navigation = st.navigation(
    {
        "Business unit": [
            st.Page(PAGES / "deadlines.py", title="Deadlines", icon=":material/event:", default=True),
            st.Page(PAGES / "notifications.py", title="Notifications", icon=":material/mail:"),
        ],
        "Partnership": [
            st.Page(PAGES / "overview.py", title="Overview", icon=":material/groups:"),
        ],
    }
)
navigation.run()
