"""The central sync server (FastAPI on PostgreSQL or embedded SQLite); built in its own issue."""
