"""The App Home tab: each domain's section for the person who opens it."""

from handlers.home.listeners import publish_home, register

__all__ = ["publish_home", "register"]
