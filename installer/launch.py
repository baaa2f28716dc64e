"""The bundle's program: the same `deungdae` command as the installed console script."""

import sys

from deungdae.desktop.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
