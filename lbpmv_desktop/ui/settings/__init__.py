"""settings screens."""
