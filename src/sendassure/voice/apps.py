from django.apps import AppConfig


class VoiceConfig(AppConfig):
    name = "sendassure.voice"
    label = "voice"
    verbose_name = "Families' voice and redress"
