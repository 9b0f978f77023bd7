"""Child-level referral extracts from health providers: read, judged row by row, the good
stored with the NHS number only as a keyed hash, the bad quarantined with their reasons
(docs/adr/0016-health-referral-extracts.md)."""
