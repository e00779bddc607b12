"""The Streamlit front end: ``main.py`` lists every page; pages hold widgets and call the queries."""
