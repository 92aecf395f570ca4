from django.http import HttpRequest


def calendar_status(request: HttpRequest) -> dict[str, object]:
    return {}
