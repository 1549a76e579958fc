"""The `coalition` command: Django's manage.py under a name people can remember.

coalition migrate            coalition demo --country KH
coalition runserver          coalition db_worker
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
