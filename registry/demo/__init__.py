"""The Bradford demo: its partnership file and its demo accounts."""
