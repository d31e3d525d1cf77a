from django.apps import AppConfig


class BrokenAppConfig(AppConfig):
    name = "tests.registry.broken_app"
    label = "registry_broken_app"
