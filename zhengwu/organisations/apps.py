from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "zhengwu.organisations"
    label = "organisations"
    verbose_name = "组织机构"
