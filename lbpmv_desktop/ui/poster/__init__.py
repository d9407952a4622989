"""The poster maker."""
