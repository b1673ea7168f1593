"""Alembic environment: always runs on a connection BranchDesk opened (the key is already set)."""

from alembic import context

from storage.migrate import include_name
from storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=include_name
)
with context.begin_transaction():
    context.run_migrations()
