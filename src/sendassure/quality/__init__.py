"""EHC plan quality assurance: audits against a configurable framework, samples,
moderation and agreement, follow-ups that close the loop (area 6 of the plan)."""
