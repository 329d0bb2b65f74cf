"""Martech stack audit: inventory + sign-in logs -> utilization, waste, renewals, overlaps."""
