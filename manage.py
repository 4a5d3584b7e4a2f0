#!/usr/bin/env python
"""Django's command-line utility; `supportdesk` (supportdesk/cli.py) is the same plus our own verbs."""

import sys

from supportdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
