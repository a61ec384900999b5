from __future__ import annotations

from glute_tui.core.words import plural, sentence


def test_plural_counts_agree() -> None:
    assert plural(1, "assessment") == "1 assessment"
    assert plural(0, "assessment") == "0 assessments"
    assert plural(2, "new assessment") == "2 new assessments"
    assert plural(3, "day", "days") == "3 days"
    assert plural(1, "person", "people") == "1 person"
    assert plural(5, "person", "people") == "5 people"
    assert plural(1234, "session", grouped=True) == "1,234 sessions"


def test_sentence_ends_once() -> None:
    assert sentence("Put back “Knees soft”") == "Put back “Knees soft”."
    assert sentence("Put back “Knees soft.”") == "Put back “Knees soft.”"
    assert sentence("Put back “Breathe out!”") == "Put back “Breathe out!”"
    assert sentence("Saved.") == "Saved."
    assert sentence("Saved") == "Saved."
