"""Start the signapp desktop app: ``python main.py [--db PATH] [--quit-after-load] [--screenshot FILE [--view NAME]]``."""

import sys

from signapp.launcher import open_app

if __name__ == "__main__":
    sys.exit(open_app(sys.argv))
