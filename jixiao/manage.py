"""The `jixiao` console command: Django's management utility with jixiao's settings."""

import os
import sys


def main() -> None:
    """Run a management command (`jixiao demo`, `jixiao score CODE`, `jixiao migrate` …)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
