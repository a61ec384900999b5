"""Words more than one screen shows, kept in one place so they cannot drift apart.

A leaf module: it imports nothing from glute_tui, so any screen can use it without an
import cycle (help used to import the home screen just for the safety note).
"""

from __future__ import annotations

#: the one-line safety note: on home, and at the end of every help page
DISCLAIMER = (
    "glute-tui is educational software, not medical advice. Do not train through pain; "
    "if an injury has not healed, stop and see a professional."
)

#: home and a routine's screen while another window runs a live session on the same file
LIVE_ELSEWHERE = (
    "A session is running in another glute-tui window on this data file. Finish it "
    "there first: this window cannot resume it or start another until it ends."
)
