"""Alembic environment: always run with a connection handed in by `records.migrate`."""

from alembic import context

from deungdae.records.schema import SQLModel

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
