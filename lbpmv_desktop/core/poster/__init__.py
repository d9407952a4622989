"""Shop-window posters: templates, the poster description, links and QR codes."""
