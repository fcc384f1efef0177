"""Adapters that plug prorl-gym envs into TRL, verl and the thin ProRL loop (later issues)."""
