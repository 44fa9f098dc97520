"""Models arrive with the issues that build this app (see the README)."""
