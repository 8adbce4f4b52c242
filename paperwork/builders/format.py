"""The builders' name for :mod:`paperwork.format` (display formatting), which the shoot plan
shares with them."""

from paperwork.format import clock, day_date, long_date, money, short_date, weekday

__all__ = ["clock", "day_date", "long_date", "money", "short_date", "weekday"]
