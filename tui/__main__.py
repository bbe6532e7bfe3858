"""``python -m tui`` runs the app, like the ``aimath`` command."""

import sys

from tui.cli import main

sys.exit(main())
