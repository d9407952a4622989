"""Domain core: tutorials, progress, photo, poster, visit. Never imports Qt."""
