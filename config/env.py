"""The single environment reader for all settings (12-factor).

Values come from the process environment first, then from an optional ``.env`` file in the
project root (never committed; see ``.env.example``).
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
# Tests must not pick up a developer's .env (config/settings/test.py sets ZHENGWU_IGNORE_DOTENV).
if _env_file.exists() and not env.bool("ZHENGWU_IGNORE_DOTENV", default=False):
    env.read_env(str(_env_file), overwrite=False)
