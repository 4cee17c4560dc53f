#!/usr/bin/env python
"""Django's manage.py; operator commands are recorded like ``fazhi manage``."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from fazhi.cli import main

    sys.exit(main(["manage", *sys.argv[1:]]))
