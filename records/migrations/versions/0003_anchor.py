"""Channels keep their id and key; the triggers come from `records.layout`.

A channel's id is what every reading refers to: swapping two channels' ids in the
`channel` table relabelled the history. The triggers added here refuse changing a
channel's id or key and deleting a channel; the audit trail (sealed) records the id too
from now on, and `verify` compares the table with it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Written out (not imported from records.layout): a migration must stay what it was.
TRIGGERS = {
    "channel_id_fixed": (
        "CREATE TRIGGER IF NOT EXISTS channel_id_fixed BEFORE UPDATE OF id, key ON channel "
        "BEGIN SELECT RAISE(ABORT, 'a channel keeps its id and key: readings refer to "
        "them'); END"),
    "channel_no_delete": (
        "CREATE TRIGGER IF NOT EXISTS channel_no_delete BEFORE DELETE ON channel "
        "BEGIN SELECT RAISE(ABORT, 'channels are never deleted: their readings refer to "
        "them'); END"),
}


def upgrade() -> None:
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
