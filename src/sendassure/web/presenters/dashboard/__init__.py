"""Dashboard pages: each builds headline figures and charts from the KPI engine.

Aggregate roles (board, forum, reviewer, health, auditor) get disclosure-controlled
figures (kpis.md section 6); casework, analysts and administrators get exact ones.
"""
