"""The bundle's entry point (see ``packaging/signapp.spec``): the app, or the command line."""

import sys

from signapp.launcher import main

if __name__ == "__main__":
    sys.exit(main())
