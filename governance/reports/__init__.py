"""Reports the partnership must produce: their content by kind, the statutory checks on it, who
approves it (bound to the exact version), and to whom it must be sent."""
