"""Record integrity: hash-chain ledger, users, sign-in log, signatures, config audit.

Adds the tables of issue 4, the block's author and row fingerprints, and triggers that
refuse UPDATE and DELETE on record rows (the chain catches whatever bypasses them).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

RECORD_TABLES = (
    "reading", "ingest_block", "event", "config_change", "user_version", "auth_log",
    "signature", "ledger",
)


def upgrade() -> None:
    with op.batch_alter_table("ingest_block") as b:
        b.add_column(sa.Column("user", sa.String, nullable=False, server_default="system"))
        b.add_column(sa.Column("tags", sa.LargeBinary, nullable=True))
    op.create_table(
        "ledger",
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("tbl", sa.String, nullable=False),
        sa.Column("row_id", sa.Integer, nullable=False),
        sa.Column("rmac", sa.LargeBinary, nullable=False),
        sa.Column("mac", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "config_change",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ts", sa.Integer, nullable=False),
        sa.Column("entity", sa.String, nullable=False),
        sa.Column("key", sa.String, nullable=False),
        sa.Column("old", sa.String, nullable=True),
        sa.Column("new", sa.String, nullable=True),
        sa.Column("user", sa.String, nullable=False),
        sa.Column("reason", sa.String, nullable=False),
    )
    op.create_index("ix_config_change_entity", "config_change", ["entity"])
    op.create_table(
        "user_version",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("full_name", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("pw_hash", sa.String, nullable=False),
        sa.Column("active", sa.Integer, nullable=False),
        sa.Column("ts", sa.Integer, nullable=False),
        sa.Column("by_user", sa.String, nullable=False),
    )
    op.create_index("ix_user_version_login", "user_version", ["login"])
    op.create_table(
        "auth_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ts", sa.Integer, nullable=False),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("outcome", sa.String, nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
    )
    op.create_index("ix_auth_log_login", "auth_log", ["login"])
    op.create_table(
        "signature",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("ts", sa.Integer, nullable=False),
        sa.Column("login", sa.String, nullable=False),
        sa.Column("printed_name", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("meaning", sa.String, nullable=False),
        sa.Column("targets", sa.String, nullable=False),
        sa.Column("target_hash", sa.String, nullable=False),
        sa.Column("comment", sa.String, nullable=False),
    )
    for t in RECORD_TABLES:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {t}_no_{verb.lower()} BEFORE {verb} ON {t} BEGIN "
                f"SELECT RAISE(ABORT, 'record rows are append-only: {verb} on {t} refused; "
                "append a correction instead'); END"
            )


def downgrade() -> None:
    for t in RECORD_TABLES:
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {t}_no_{verb}")
    for name in ("signature", "auth_log", "user_version", "config_change", "ledger"):
        op.drop_table(name)
    with op.batch_alter_table("ingest_block") as b:
        b.drop_column("tags")
        b.drop_column("user")
