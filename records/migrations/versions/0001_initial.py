"""Initial record schema: site, device, channel, readings with rollups, events.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ROLLUPS = ("rollup_30s", "rollup_5m", "rollup_1h", "rollup_1d")


def upgrade() -> None:
    op.create_table(
        "site",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("timezone", sa.String, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "device",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("profile", sa.String, nullable=False),
        sa.Column("port", sa.String, nullable=False),
        sa.Column("unit", sa.Integer, nullable=True),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "channel",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String, nullable=False, unique=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("unit", sa.String, nullable=False),
        sa.Column("device_key", sa.String, nullable=False),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "reading",
        sa.Column("ch", sa.Integer, primary_key=True),
        sa.Column("ts", sa.Integer, primary_key=True),
        sa.Column("v", sa.Float, nullable=True),
        sa.Column("q", sa.Integer, nullable=False),
        sa.Column("blk", sa.Integer, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "ingest_block",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("ch_lo", sa.Integer, nullable=False),
        sa.Column("ch_hi", sa.Integer, nullable=False),
        sa.Column("ts_lo", sa.Integer, nullable=False),
        sa.Column("ts_hi", sa.Integer, nullable=False),
    )
    for name in ROLLUPS:
        op.create_table(
            name,
            sa.Column("ch", sa.Integer, primary_key=True),
            sa.Column("b", sa.Integer, primary_key=True),
            sa.Column("vmin", sa.Float, nullable=False),
            sa.Column("vmax", sa.Float, nullable=False),
            sa.Column("vsum", sa.Float, nullable=False),
            sa.Column("n", sa.Integer, nullable=False),
            sqlite_with_rowid=False,
        )
    op.create_table(
        "event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ts", sa.Integer, nullable=False),
        sa.Column("kind", sa.String, nullable=False),
        sa.Column("severity", sa.String, nullable=False),
        sa.Column("channel", sa.String, nullable=True),
        sa.Column("device", sa.String, nullable=True),
        sa.Column("message", sa.String, nullable=False),
        sa.Column("data", sa.String, nullable=False),
        sa.Column("user", sa.String, nullable=False),
        sa.Column("ref_id", sa.Integer, nullable=True),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_index("ix_event_ts", "event", ["ts"])
    op.create_index("ix_event_kind", "event", ["kind"])
    op.create_table(
        "meta",
        sa.Column("key", sa.String, primary_key=True),
        sa.Column("value", sa.String, nullable=False),
    )


def downgrade() -> None:
    for name in ("meta", "event", *ROLLUPS, "ingest_block", "reading", "channel", "device", "site"):
        op.drop_table(name)
