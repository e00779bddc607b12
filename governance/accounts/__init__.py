"""Sign-in: accounts, passwords, sessions that expire, rate-limited and audited attempts, calendar feeds."""
