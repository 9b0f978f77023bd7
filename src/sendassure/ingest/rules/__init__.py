"""The SEN2 rule catalogue: one rule per ``rNNNN_*.py`` file, registered with
``@rule`` (see ``registry.py``), run by ``Checker`` and listed by ``all_rules()``.

Code ranges: 1xxx person, 2xxx request, 3xxx assessment, 40xx named plan, 41xx plan
detail, 50xx active plan, 51xx placement, 52xx SEN need.
"""

from sendassure.ingest.rules.checker import Checker
from sendassure.ingest.rules.registry import Context, Issue, Rule, all_rules, rule

__all__ = ["Checker", "Context", "Issue", "Rule", "all_rules", "rule"]
