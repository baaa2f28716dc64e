"""A tiny third-party sector used by the tests: it adds a page without touching our code."""
