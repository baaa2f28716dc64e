"""The sector contract moved to `sectors.api` (version 2); this re-export keeps imports working."""

from deungdae.sectors.api import *  # noqa: F403
from deungdae.sectors.api import __all__  # noqa: F401
