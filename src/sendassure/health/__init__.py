"""Health data: NHS England's community health services (CHS) waiting-list sitreps."""
