"""Praise delivery retries, the recognition nudge and the weekly digest."""
