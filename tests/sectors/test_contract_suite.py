"""Runs the shared sector contract suite (tests/sectors/contract_suite.py)."""

from tests.sectors.contract_suite import *  # noqa: F403
