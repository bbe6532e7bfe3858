"""``python -m tui`` runs the app, like the ``aimath`` command."""

import sys

from tui.app import main

sys.exit(main())
