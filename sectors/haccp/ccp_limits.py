"""Changing a CCP's critical limit (한계기준) from the window (Qt-free).

A HACCP team leader (manager or admin) changes it with a reason and an e-signature. In
one step under the engine's writer lock (`EntryWriter.sign_document`): the password and
role are checked first (a refusal changes nothing), the site config's `limit = ...` line of
that `[[sectors.haccp.ccps]]` table is edited in place (comments and layout kept, the
result parsed back and compared), a `config_change` row records old → new, who and why, a
signature ("approved") over that row is made, and the loaded config is updated so the
running CCP rule (`rules.HaccpRules`, which re-reads its CCP's limit) and the pages use the
new limit at once, without a restart.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from pathlib import Path

from deungdae.records import signatures, users
from deungdae.records.store import Store

ENTITY = "ccp_limit"
EDITABLE_KINDS = ("heating", "cold_storage", "limit")
_HEADER = re.compile(r"^\s*\[")


class LimitError(ValueError):
    """Why the limit was not changed (one line naming the CCP and what is expected)."""


def _number(v: float) -> str:
    return f"{v:g}" if "e" not in f"{v:g}" else repr(float(v))


def set_limit_text(text: str, ccp_id: str, value: float) -> str:
    """`text` with CCP `ccp_id`'s `limit = ...` set to `value`, nothing else changed."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, ln in enumerate(lines)
              if re.match(r"^\s*\[\[\s*sectors\.haccp\.ccps\s*\]\]", ln)]
    for s in starts:
        end = next((j for j in range(s + 1, len(lines)) if _HEADER.match(lines[j])), len(lines))
        body = range(s + 1, end)
        if not any(re.match(rf'^\s*id\s*=\s*"{re.escape(ccp_id)}"\s*(#.*)?$', lines[j])
                   for j in body):
            continue
        for j in body:
            m = re.match(r"^(\s*limit\s*=\s*)([^#\n]*?)(\s*(#.*)?)(\r?\n?)$", lines[j])
            if m:
                lines[j] = f"{m.group(1)}{_number(value)}{m.group(3)}{m.group(5)}"
                break
        else:
            raise LimitError(f"CCP '{ccp_id}' has no 'limit = ...' line in the site config; "
                             "change it by hand")
        out = "".join(lines)
        _same_but_limit(text, out, ccp_id, value)
        return out
    raise LimitError(f"CCP '{ccp_id}' is not in the site config as a [[sectors.haccp.ccps]] "
                     "table with id = \"...\"; change it by hand")


def _same_but_limit(before: str, after: str, ccp_id: str, value: float) -> None:
    a, b = tomllib.loads(before), tomllib.loads(after)
    for c in b.get("sectors", {}).get("haccp", {}).get("ccps", []):
        if c.get("id") == ccp_id:
            if c.get("limit") != value:
                raise LimitError(f"CCP '{ccp_id}': the edit did not set limit = {value:g}")
            c["limit"] = next(x for x in a["sectors"]["haccp"]["ccps"]
                              if x.get("id") == ccp_id).get("limit")
    if a != b:
        raise LimitError(f"CCP '{ccp_id}': editing the limit would change more of the site "
                         "config; change it by hand")


def _raw_ccp(section: dict, ccp_id: str) -> dict:
    for c in section.get("ccps", []):
        if isinstance(c, dict) and c.get("id") == ccp_id:
            return c
    raise LimitError(f"unknown CCP '{ccp_id}'")


def change_limit(store: Store, site_path: Path, section: dict, ccp_id: str, value: float,
                 login: str, password: str, reason: str) -> tuple[float, float, int, int]:
    """Change CCP `ccp_id`'s critical limit (see the module docstring); returns
    (old, new, config_change id, signature id). `section` is the loaded
    `[sectors.haccp]` table the running rules read."""
    raw = _raw_ccp(section, ccp_id)
    if raw.get("kind") not in EDITABLE_KINDS:
        raise LimitError(f"CCP '{ccp_id}' ({raw.get('kind')}) has no single limit to change "
                         "here")
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            not math.isfinite(value):
        raise LimitError(f"CCP '{ccp_id}': the critical limit must be a number")
    value = float(value)
    if not reason.strip():
        raise LimitError("say why the critical limit changes; the reason is recorded")
    old = float(raw["limit"])
    if old == value:
        raise LimitError(f"CCP '{ccp_id}': the critical limit is already {value:g}")
    user = users.authenticate(store, login, password, purpose="signature (approved)")
    users.require_role(user, "manager", "admin")
    before = site_path.read_text(encoding="utf-8")
    after = set_limit_text(before, ccp_id, value)
    _replace(site_path, after)  # the file first: the record never names a limit it lacks
    try:
        cid = store.record_config_change(ENTITY, ccp_id, {"limit": old}, {"limit": value},
                                         login, reason.strip())
        sid = signatures.sign(store, login, password, "approved", [f"config_change:{cid}"],
                              reason.strip())
    except BaseException:
        _replace(site_path, before)
        raise
    raw["limit"] = value  # the running rule and the pages read this table
    return old, value, cid, sid


def _replace(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
