"""The animator's space: PIN, dashboard, imports, visit mode."""
