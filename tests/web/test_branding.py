"""Every page is branded as the local area partnership's service: GOV.UK's layout, but
no crown, Royal Arms or Crown copyright (this is not a government department's site)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["public", "sign-in", "accessibility"])
def test_no_crown_and_the_partnership_is_named(client, name):
    html = client.get(reverse(name)).content.decode()
    assert "govuk-footer" in html
    for crown in ("govuk-footer__crown", "govuk-footer__copyright-logo", "Crown copyright",
                  "crown-copyright", "govuk-logo"):
        assert crown not in html, crown
    assert "is run by the local area SEND partnership" in html
