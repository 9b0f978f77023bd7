"""SEND x health (issue 12, item 6): the council's identifiers file joins SEN2 cases to
health referrals through keyed hashes, and the figures built on that join and on the
extracts (docs/adr/0016-health-referral-extracts.md, "SEND x health")."""
