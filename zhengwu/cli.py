"""The `zhengwu` console command: Django's manage.py with our settings.

The settings module is `DJANGO_SETTINGS_MODULE` from the environment, else from the project's
`.env`, else `config.settings.base` (production-safe: DEBUG off, every secret required).
"""

import os
import sys
from pathlib import Path

DEFAULT_SETTINGS = "config.settings.base"


def _settings_from_dotenv(path: Path) -> str | None:
    if not path.exists():
        return None
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.strip().partition("=")
        if sep and key.strip() == "DJANGO_SETTINGS_MODULE":
            return value.strip().strip("'\"") or None
    return None


def main() -> None:
    if "DJANGO_SETTINGS_MODULE" not in os.environ:
        dotenv = Path(__file__).resolve().parent.parent / ".env"
        os.environ["DJANGO_SETTINGS_MODULE"] = _settings_from_dotenv(dotenv) or DEFAULT_SETTINGS
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
