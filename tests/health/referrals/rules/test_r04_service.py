"""HR04: a service of the vocabulary (the shipped one, or the one settings name)."""

from django.test import override_settings

from .checks import findings


def test_a_known_code_passes_in_any_case():
    assert findings("HR04", {"service": "SALT"}) == []
    assert findings("HR04", {"service": "asd"}) == []


def test_an_unknown_service_fails_by_its_shape():
    found = findings("HR04", {"service": "Speech therapy"})
    assert [(r, c, v) for r, c, v, _ in found] == [
        (2, "service", "[shape Aaaaaa aaaaaaa, 14 characters]")]
    assert found[0][3].startswith("is not a known service: one of salt, ot, physio,")


def test_the_vocabulary_can_be_replaced(tmp_path):
    local = tmp_path / "services.csv"
    local.write_text("code,name,sitrep_service\nsensory,Sensory team,\n", encoding="utf-8")
    with override_settings(HEALTH_REFERRAL_SERVICES=str(local)):
        assert findings("HR04", {"service": "sensory"}) == []
        assert findings("HR04", {"service": "salt"})[0][3] == \
            "is not a known service: one of sensory"
