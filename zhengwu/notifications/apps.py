from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zhengwu.notifications"
    label = "notifications"
    verbose_name = "消息通知"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the deployment checks
