"""Modal dialogs, split out of the screens that open them (history, cues, confirm)."""
