"""Alembic revisions; run them with `perfbot db upgrade`."""
