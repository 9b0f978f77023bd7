from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    name = "sendassure.benchmarks"
    label = "benchmarks"
    verbose_name = "DfE open-data benchmarks"
