from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendassure.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .signin import last_login_soon

        # The last sign-in time is bookkeeping: it must not hold a sign-in up (ADR 0011).
        if user_logged_in.disconnect(dispatch_uid="update_last_login"):
            user_logged_in.connect(last_login_soon, dispatch_uid="update_last_login")
