"""Run import-linter on this checkout (what `make lint` runs instead of `lint-imports`).

With the rooms under the `deungdae` namespace (tools/namespace.py), the package
`deungdae/` is a small folder whose `__init__` adds the checkout to its search path; the
rooms (`records/`, `hardware/`, ...) are found through that path. import-linter's graph
builder looks only at a package's search path as found before it is imported, so the
package is imported first here: then `deungdae.records` & co. are in the graph as they are
at run time. Before the rename (no `deungdae/` folder) this is plain `lint-imports`.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
with contextlib.suppress(ImportError):
    import deungdae  # noqa: F401 - its __path__ now covers the checkout's rooms

from importlinter.cli import lint_imports_command  # noqa: E402

if __name__ == "__main__":
    sys.exit(lint_imports_command())
