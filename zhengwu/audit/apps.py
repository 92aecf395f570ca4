from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "zhengwu.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from . import receivers, registry

        registry.register_defaults()
        receivers.connect()
