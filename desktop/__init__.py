"""The BranchDesk application layer: start-up, command line, settings, background work."""

__version__ = "0.1.0"
