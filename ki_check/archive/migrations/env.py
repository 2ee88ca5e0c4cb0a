"""Alembic environment: migrations run on the connection ki-check hands over.

ki-check opens the connection itself (with its locks and error messages) and
passes it in ``config.attributes["connection"]``; there is no alembic.ini.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
