#!/usr/bin/env python3
"""manage.py - the Django recipe's entry point (see ../README)."""
import os
import sys

if __name__ == "__main__":
    sys.dont_write_bytecode = True
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
