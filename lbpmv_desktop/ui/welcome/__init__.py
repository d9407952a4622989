"""welcome screens."""
