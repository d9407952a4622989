"""progress screens."""
