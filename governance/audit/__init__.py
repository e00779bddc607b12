"""The audit trail: every change and decision, append-only and hash-chained per partnership."""
