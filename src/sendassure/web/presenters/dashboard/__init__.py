"""Dashboard pages: each builds headline figures and charts from the KPI engine.

Aggregate roles (board, forum, reviewer, health, auditor) get disclosure-controlled
figures (docs/measures.md, "Disclosure control"); casework, analysts and administrators get exact ones.
"""
