"""Qt-free services: each write is one transaction with its outbox entry and audit event."""
