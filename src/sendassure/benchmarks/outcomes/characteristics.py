"""SEN status as published (``EHCP or Statement``, ``Any SEN``, ``No identified SEN``,
``SEN provision - EHC plan``...) in the contract's words: ``EHC plan``, ``SEN support``,
``No SEN``, ``All SEN``. Anything else keeps its published name."""

from __future__ import annotations

import re

from .series import ALL, ALL_SEN, EHC_PLAN, NO_SEN, SEN_SUPPORT

_PATTERNS = (
    (re.compile(r"^(sen provision\s*-\s*|all )?(ehc ?p(lan)?s?|statement)( or (statement|ehc ?plan))?"
                r"( of sen)?$"), EHC_PLAN),
    (re.compile(r"^(identified )?sen with (a |an )?(statement or (an )?ehc ?plan|"
                r"ehc ?plan( or (a )?statement)?|statement)$"), EHC_PLAN),
    (re.compile(r"^(sen provision\s*-\s*)?sen support"), SEN_SUPPORT),
    (re.compile(r"^(no (identified )?sen|no special educational needs)$"), NO_SEN),
    (re.compile(r"^(all sen|any sen|sen|sen provision - total|identified sen)$"), ALL_SEN),
    (re.compile(r"^(total|all pupils|all)$"), ALL),
)


def canonical(published: str) -> str:
    text = re.sub(r"\s+", " ", (published or "").strip().lower())
    for pattern, name in _PATTERNS:
        if pattern.match(text):
            return name
    return (published or "").strip() or ALL
