"""Crew costing: the sums of each deal (sums), the checks on them (checks) and the
accountant's cost summary (summary), for every document that needs a crew member's cost."""
