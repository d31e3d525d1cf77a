from django.apps import AppConfig


class SampleAppConfig(AppConfig):
    name = "tests.registry.sample_app"
    label = "registry_sample_app"
