from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "sendassure.figures"
    label = "figures"
    verbose_name = "Figures"

    def ready(self) -> None:
        from sendassure.core.versions import data_changed

        from . import (
            autism,  # noqa: F401  (NHS Autism Statistics, by ICB)
            enquiries,  # noqa: F401  (the enquiries hub's response times)
            health,  # noqa: F401  (children's community health waits, by ICB)
            outcomes,  # noqa: F401  (the published outcome series)
            quality,  # noqa: F401  (plan quality audits)
            sen2,  # noqa: F401, I001  (the statutory families first)
            send_health,  # noqa: F401  (SEND x health from the referral extracts)
            send_health_waits,  # noqa: F401  (the same, children waiting by service)
            surveys,  # noqa: F401  (parents' and carers' confidence)
            voice,  # noqa: F401  (complaints)
        )
        from .facts import on_data_changed

        data_changed.connect(on_data_changed, dispatch_uid="figures-facts")
