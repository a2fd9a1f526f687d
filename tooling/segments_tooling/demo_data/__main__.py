"""``python -m segments_tooling.demo_data``: the command line of :func:`segments_tooling.demo_data.main`."""

import sys

from segments_tooling.demo_data import main

if __name__ == "__main__":
    sys.exit(main())
