"""How far back a physio report may look: kept apart from core/report.py so the command
line can offer the `report` options without loading the report code (`stats` stays fast)."""

DEFAULT_WEEKS = 12
MAX_WEEKS = 520
