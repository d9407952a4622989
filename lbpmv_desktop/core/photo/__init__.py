"""The photo studio's core: safe opening, the edit recipe, rendering, presets and export."""
