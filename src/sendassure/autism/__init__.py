"""NHS Autism Statistics: suspected-autism referrals and waits by sub-ICB, month by month."""
