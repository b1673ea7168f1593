"""The panes of the main window: each gets the services it uses and talks through sig_* signals."""
