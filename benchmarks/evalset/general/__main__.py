"""``python -m benchmarks.evalset.general``: build the general-name pair sets."""

import sys

from benchmarks.evalset.general.build import main

sys.exit(main())
