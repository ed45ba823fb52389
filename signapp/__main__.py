"""Allow ``python -m signapp``."""

from signapp.cli import main

raise SystemExit(main())
