"""The SEN2 return's vocabulary: code lists and value formats, CBDS ethnicity codes and
the classification of placements. Pure Python: readers, rules, case records and the
synthetic generator all speak it."""
