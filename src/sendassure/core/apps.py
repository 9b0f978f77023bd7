from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendassure.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from .row_security import apply_after_migrate
        from .signin import last_login_soon

        # The last sign-in time is bookkeeping: it must not hold a sign-in up (ADR 0011).
        if user_logged_in.disconnect(dispatch_uid="update_last_login"):
            user_logged_in.connect(last_login_soon, dispatch_uid="update_last_login")
        # Row-level security by area covers every area table, a new app's too (ADR 0015).
        post_migrate.connect(apply_after_migrate, sender=self,
                             dispatch_uid="sendassure_row_security")
