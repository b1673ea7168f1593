"""The central sync server: FastAPI on PostgreSQL (production) or an embedded SQLite file (pilot).

It keeps no state between requests — several `serve` processes can share one PostgreSQL — and
imports nothing of the desktop app but the wire format and validation in `storage/`.
"""
