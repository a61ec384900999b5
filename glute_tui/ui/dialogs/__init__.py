"""Modal dialogs (history: session detail, injury pause, export, report)."""
