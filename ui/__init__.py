"""BranchDesk's Qt widgets: the main window, its panes and dialogs."""
