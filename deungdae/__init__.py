"""Deungdae (등대): one import namespace over the rooms of the checkout.

Installed, the rooms are packages inside this one (`deungdae.records`, ...). In a source
checkout that is not installed (PYTHONPATH, pytest's rootdir, a worktree ahead of an
editable install elsewhere) the checkout itself is added to this package's path, so
`deungdae.records` is the checkout's `records/` folder. Written by tools/namespace.py.
"""

from pathlib import Path as _Path

_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "records" / "__init__.py").is_file():
    __path__.append(str(_checkout))  # noqa: F821 - the package's own __path__
del _Path, _checkout
