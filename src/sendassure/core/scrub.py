"""Free text from families and staff (survey comments, remedies, lessons learned) is
scrubbed before it is stored, so names and full postcodes never are (the house rule
``ingest.privacy`` keeps for SEN2 fields, here for prose):

- a full UK postcode becomes its district (``ME14 1XX`` -> ``ME14``, the same rule as
  ``sen2.values.postcode_district``);
- an email address becomes ``[email]``, a phone number ``[phone]``, a UPN-shaped code or
  any run of 6 or more digits ``[number]``;
- a name becomes ``[name]``: a title and what follows it (``Mrs Smith``, ``Dr A. Jones``),
  the word after ``son``, ``daughter``, ``called``, ``named``... (``my son tom``), and any
  capitalised word that is not on the list of known words below (sentence openers,
  months and days, the SEND service's own words); capitals-only abbreviations (EHCP,
  SENCO, CAMHS) are kept.

It errs towards removing words: a comment may lose an unusual capitalised word, but a
name typed with a capital is never kept. A name typed in lower case with nothing before
it that marks it as one cannot be recognised; the tagging screen says so.
"""

from __future__ import annotations

import re

from sendassure.sen2.values import postcode_district

NAME = "[name]"
_TITLES = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Master|Sir|Dame|Prof|Professor|Mister)"
_TITLE = re.compile(rf"\b{_TITLES}\b\.?(?:\s+[A-Z][\w'’-]*\.?)*(?:\s+[A-Z][\w'’-]*)?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\w)(?:\+44\s?|0)(?:\d[\s-]?){9,10}(?!\w)")
_DIGITS = re.compile(r"(?<!\w)[A-Za-z]?\d(?:[\s-]?\d){5,}[A-Za-z]?(?!\w)")
_POSTCODE = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})"
                       r"(?![A-Za-z0-9])")
_MARKER = re.compile(r"\b(son|daughter|child|boy|girl|grandson|granddaughter|brother|"
                     r"sister|stepson|stepdaughter|called|named|name is|nephew|niece)"
                     r"(\s+)([a-z][\w'’-]*)")
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’-]*")
# lower-case words that can follow "son" etc. without being a name
_FOLLOWERS = frozenset("""
a an and are as at but by can cannot could did does do for from had has have he her
him his in is it its just needs needed of on or she should so still that the their them
then they this to too was were who whose will with would has hasn't isn't wasn't doesn't
didn't can't won't has got gets got goes went attends attended started starts now
""".split())
# capitalised words that are not names: openers, function words, calendar words and the
# service's own vocabulary (compared in lower case)
KNOWN = frozenset("""
a about after again all also although always an and another any are as at because been
before being both but by can could did do does during each even every everyone
everything few for from had has have having he her here hers him his how however i if
in into is it its just last least less many may me more most much must my myself never
next no nobody none nor not nothing now of off often on once only or other our ours out
over own please quite rather really same she should since so some someone something
sometimes still such than thank thanks that the their theirs them then there these they
this those though through thus to too under unless until up upon us very was we well
were what whatever when where whether which while who whom whose why will with within
without would yes yet you your yours overall generally firstly secondly finally also
monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december christmas easter summer autumn
winter spring term half
parent parents carer carers family families child children young people person
school schools college colleges academy nursery setting settings class teacher teachers
head headteacher senco staff council county local authority service services team
teams officer officers caseworker caseworkers worker workers manager managers panel
plan plans assessment assessments review reviews annual education health care social
send sen ehc ehcp ehcps needs need support provision provisions therapy therapies
therapist speech language occupational physio physiotherapy camhs nhs gp doctor
doctors nurse paediatrician paediatricians psychologist educational psychology
tribunal ombudsman mediation appeal appeals complaint complaints decision decisions
transport travel forum hub portal website email emails letter letters phone call calls
meeting meetings communication communications delay delays waiting wait list lists
mainstream special unit resource base alternative tuition home exclusion exclusions
england kent london britain uk british english offer office department government dfe
ofsted cqc icb ombudsman's council's school's it's i'm i've i'd we're we've they're
don't didn't doesn't can't couldn't won't wouldn't isn't wasn't weren't haven't hasn't
hadn't there's that's what's let's
very good great poor bad excellent ok okay fine helpful unhelpful better worse best
worst nothing anything thank new first second third one two three four five
talk ring call ask tell listen help stop give make get keep let want wish hope feel felt
think thought know knew said say see saw seen come came took take put find found
waited waiting took give given sadly unfortunately luckily honestly frankly
explain ensure check review update train training record share agree write send respond
reply improve introduce provide offer contact inform consider monitor involve include
publish use set add create change start follow learn learned lesson lessons apologise
apologised apology remind clarify confirm escalate escalated chase chased
""".split())


def _postcode(match: re.Match) -> str:
    district = postcode_district(match[0])
    return district if district else match[0]


def _capitalised(match: re.Match) -> str:
    word = match[0]
    if not word[0].isupper() or word.lower() in KNOWN:
        return word
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return word  # an abbreviation: EHCP, SENCO, CAMHS
    return NAME


def _marked(match: re.Match) -> str:
    follower = match[3]
    if follower.lower() in _FOLLOWERS:
        return match[0]
    return f"{match[1]}{match[2]}{NAME}"


def scrub(text: str) -> str:
    """``text`` with names, full postcodes, emails, phone numbers and long numbers taken
    out (see the module's docstring); surrounding spaces dropped."""
    text = _EMAIL.sub("[email]", text)
    text = _POSTCODE.sub(_postcode, text)
    text = _PHONE.sub("[phone]", text)
    text = _DIGITS.sub("[number]", text)
    text = _TITLE.sub(NAME, text)
    text = _MARKER.sub(_marked, text)
    text = _WORD.sub(_capitalised, text)
    text = re.sub(r"\[name\](?:\s+\[name\])+", NAME, text)
    return text.strip()


def identifies(text: str) -> bool:
    """Whether a short label (a tag) holds a title and name, a full postcode, an email,
    a phone number or a long number (capitalised words alone are allowed in labels)."""
    return any(p.search(text) for p in (_TITLE, _EMAIL, _PHONE, _DIGITS, _POSTCODE))
