"""BranchDesk's domain: the encrypted local store, models, validation and services (Qt-free)."""
