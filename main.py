"""Start the signapp desktop app: ``python main.py [--db PATH] [--quit-after-load]``."""

import sys

from signapp.ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
