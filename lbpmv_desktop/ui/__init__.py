"""Qt widgets, by feature. Depends on the core, never the reverse."""
