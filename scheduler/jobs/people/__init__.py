"""The welcome DM for people who join or are imported."""
