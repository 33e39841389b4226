"""`/perf`: help, settings and HR administration."""

from handlers.perf.listeners import register

__all__ = ["register"]
