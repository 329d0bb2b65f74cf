"""Matplotlib figures for lessons and reports. Every function returns a ``Figure``."""
