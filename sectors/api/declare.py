"""Recording the declared event kinds in the plant's record, for central.

Central runs no sector code (import contract), yet must know which kinds open and close
an incident. So the plant records its declarations as a sealed config change (entity
`event_kinds`, key `declared`, new = `KindRegistry.to_json()`) whenever they change; it
syncs like every record row and central reads the newest one (`central.queries`).
"""

from __future__ import annotations

from deungdae.records.store import Store
from deungdae.sectors.api.kinds import DECLARED_ENTITY, KindRegistry


def record_declared_kinds(store: Store, kinds: KindRegistry, user: str = "system") -> bool:
    """Append the declaration if it differs from the last one recorded; True if it did."""
    declared = kinds.to_json()
    last = store.config_changes(DECLARED_ENTITY, "declared")
    if last and last[-1]["new"] == declared:
        return False
    store.record_config_change(DECLARED_ENTITY, "declared", None, declared, user,
                               "event kinds declared by the shell and the sectors")
    return True
