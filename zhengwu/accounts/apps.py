from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "zhengwu.accounts"
    label = "accounts"
    verbose_name = "账户与角色"

    def ready(self) -> None:
        from zhengwu.workbench.menu import register_menu_item

        from .roles import Role

        register_menu_item(
            "accounts.lookup",
            "群众企业账户查询",
            "accounts:lookup",
            roles=[Role.WINDOW_STAFF, Role.SYSTEM_ADMIN],
            icon="img/icons/user.svg",
            order=30,
        )
