"""Families' voice and redress: complaints (stages 1 and 2, the Ombudsman) with their
themes, deadlines and outcomes (areas 1 and 3 of the plan)."""
