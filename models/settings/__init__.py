"""The settings HR keeps for a workspace: company values, recognition channel, language, schedule."""
