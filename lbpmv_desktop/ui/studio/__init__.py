"""Studio photo screens."""
