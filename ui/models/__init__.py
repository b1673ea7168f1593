"""Item models behind the panes' views."""
