"""`/perf settings`: the settings modal for everyone and for HR."""

from handlers.settings.ids import INPUT, SettingsField
from handlers.settings.listeners import open_settings, register

__all__ = ["INPUT", "SettingsField", "open_settings", "register"]
