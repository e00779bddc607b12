"""Read-only views for the workspace pages: plain rows, one partnership at a time, no session leaks out.

Who may act on what is decided by the use cases; these only list. Exempt text is withheld by the
pages through ``governance.permissions.may_see_exempt`` on the keys each row carries.
"""
