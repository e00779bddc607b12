"""Sign in: with the account's e-mail address and password, or through the organisation's sign-in
(OpenID Connect) when one is configured. A link from an e-mail lands on its item afterwards."""

import streamlit as st

from app.web import session
from app.web.components import open_registry, settings

st.title("Sign in")
engine = open_registry(settings())
ended = st.session_state.get(session.ENDED)
if ended:
    st.warning(ended, icon=":material/timer_off:")

if session.oidc_configured():
    st.write("Sign in with your organisation's account.")
    if st.button("Sign in with your organisation", key="oidc", type="primary"):
        st.login()
    st.divider()
    st.caption("Or, if the business unit gave you a password:")

with st.form("sign_in_form"):
    email = st.text_input("E-mail address", key="email", autocomplete="email")
    password = st.text_input("Password", key="password", type="password", autocomplete="current-password")
    submitted = st.form_submit_button("Sign in", type="primary")

if submitted:
    if not email.strip() or not password:
        st.error("Give your e-mail address and your password.")
    else:
        refusal = session.with_password(engine, email, password)
        if refusal:
            st.error(refusal)
        else:
            st.rerun()
