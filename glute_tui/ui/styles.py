"""app.tcss in two parts: what home's first frame needs, and every other screen's rules.

Every style lives in app.tcss. The part above the "---- later:" comment (shared rules,
home, help, the disclaimer, too small, the header) is the app's CSS from the start; the
part below is parsed once home's first frame is up, or before any other screen is pushed
(GluteApp.read_later_css), so its parse is not part of the time to that first frame. Rules
keep their order (the later part is added after the first), so a screen looks exactly as
it did with one stylesheet; the later part is padded with the first part's line breaks so
a CSS error names its real line in app.tcss.
"""

from __future__ import annotations

from pathlib import Path

TCSS = Path(__file__).with_name("app.tcss")
LATER_MARK = "/* ---- later:"


def split(text: str) -> tuple[str, str]:
    """(the first part, the later part padded to its lines in the file)."""
    first, mark, later = text.partition(LATER_MARK)
    if not mark:
        return first, ""
    return first, "\n" * first.count("\n") + mark + later


FIRST, LATER = split(TCSS.read_text(encoding="utf-8"))
#: where the later part was read from, as Textual names a stylesheet source
LATER_FROM = (str(TCSS), "later")
