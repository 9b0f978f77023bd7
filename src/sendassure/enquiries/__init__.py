"""The enquiries hub: families' and professionals' contacts, triaged, answered by a
promised date in working days, escalated when they must be."""
