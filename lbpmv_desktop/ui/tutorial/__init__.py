"""tutorial screens."""
