"""Prompt packs: the YAML format (schema), loading with precise errors, and discovery."""
