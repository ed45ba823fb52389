"""Start the signapp desktop app: ``python main.py [--db PATH] [--quit-after-load] [--screenshot FILE [--view NAME]]``."""

import sys

from signapp.ui.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv))
