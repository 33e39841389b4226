"""Periodic jobs that decide what to send (nudges, digests, reminders) and the delivery of it.

See scheduler/README.md: jobs write the outbox, delivery sends it, one clock runs them.
"""
