"""Rendering: Jinja environment, the contexts of briefings and maps, and a safe writer."""
