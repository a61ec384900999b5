from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Input, OptionList, Static

from glute_tui.store import shipped
from glute_tui.store.history import HistoryStore
from glute_tui.ui.dialogs.confirm import ConfirmScreen
from glute_tui.ui.screens.cues import CueInput, CueList, CuesScreen
from glute_tui.ui.screens.help import HelpScreen
from glute_tui.ui.screens.home import HomeScreen
from glute_tui.ui.screens.too_small import TooSmallScreen
from tests.conftest import settle

LIB = shipped.library()


def saved(db_path: Path) -> dict[str, list[str]]:
    return HistoryStore.open(db_path).cue_overrides()


def text_of(screen: CuesScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


def shown_cues(screen: CuesScreen) -> list[str]:
    rows = []
    for row in screen.query(".cue-row"):
        if row.display and row.query_one(".cue-text").display:
            rows.append(str(row.query_one(".cue-text", Static).render()))
    return rows


async def type_text(pilot: Any, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def open_cues(pilot: Any) -> CuesScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CuesScreen)
    return screen


async def test_whole_editor_by_keys(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        assert isinstance(screen.focused, OptionList)
        assert screen.selected == LIB.exercises[0].id

        # filter: `/` focuses the box, letters type into it, Enter goes back to the list
        await pilot.press("slash")
        assert isinstance(screen.focused, Input)
        await type_text(pilot, "bird")
        await pilot.pause()
        assert screen.selected == "bird_dog"
        options = screen.query_one("#cue-exercises", OptionList)
        assert [o.id for o in options._options if not o.disabled] == ["bird_dog"]
        await pilot.press("enter")
        assert isinstance(screen.focused, OptionList)

        # tab into the cues, move down, edit in place
        await pilot.press("tab")
        assert isinstance(screen.focused, CueList)
        await pilot.press("j")
        assert screen.cursor == 1
        await pilot.press("e")
        editor = screen.editor()
        assert editor is not None and screen.focused is editor
        assert editor.value == LIB["bird_dog"].cues[1]
        await type_text(pilot, " slowly")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.editing is None
        expected = list(LIB["bird_dog"].cues)
        expected[1] += " slowly"
        assert saved(db_path)["bird_dog"] == expected
        assert shown_cues(screen) == expected
        assert app.cues_for("bird_dog") == tuple(expected)  # what a running timer reads

        # add at the end
        await pilot.press("a")
        await type_text(pilot, "Breathe out")
        await pilot.press("enter")
        await settle(pilot)
        expected.append("Breathe out")
        assert saved(db_path)["bird_dog"] == expected
        assert screen.cursor == len(expected) - 1

        # reorder: shift+up twice moves it up two places
        await pilot.press("shift+up", "shift+up")
        await settle(pilot)
        moved = [*expected[:2], "Breathe out", *expected[2:-1]]
        assert saved(db_path)["bird_dog"] == moved
        assert screen.cursor == 2

        # delete and undo
        await pilot.press("d")
        await settle(pilot)
        assert saved(db_path)["bird_dog"] == expected[:2] + expected[2:-1]
        assert "u puts it back" in text_of(screen, "#cue-status")
        await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)["bird_dog"] == moved

        # reset asks first; n keeps, r then y resets
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert saved(db_path)["bird_dog"] == moved
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert "bird_dog" not in saved(db_path)
        assert shown_cues(screen) == list(LIB["bird_dog"].cues)

        # escape leaves the screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_edits_survive_a_restart(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "a")
        await type_text(pilot, "Squeeze like you mean it")
        await pilot.press("enter")
        await settle(pilot)
    first = LIB.exercises[0]
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        assert shown_cues(screen) == [*first.cues, "Squeeze like you mean it"]
        assert "Your cues" in text_of(screen, "#cue-heading")
        label = str(screen.query_one("#cue-exercises", OptionList).get_option(first.id).prompt)
        assert "✎" in label


async def test_bad_input_keeps_the_edit_open(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        first = LIB.exercises[0]
        await pilot.press("tab", "a", "space", "space", "enter")
        assert screen.editing == len(first.cues)
        assert "cannot be empty" in text_of(screen, "#cue-message")
        # a duplicate of cue 1 (after trimming)
        editor = screen.editor()
        assert editor is not None
        editor.value = f"  {first.cues[0]} "
        await pilot.press("enter")
        assert screen.editing is not None
        assert "already in the list" in text_of(screen, "#cue-message")
        assert editor.value == f"  {first.cues[0]} "  # nothing typed is lost
        # 121 characters
        editor.value = "x" * 121
        await pilot.pause()
        assert "121/120" in text_of(screen, "#cue-message")
        await pilot.press("enter")
        assert "1 too many" in text_of(screen, "#cue-message")
        assert editor.value == "x" * 121
        # exactly 120 is fine
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert screen.editing is None
        assert saved(db_path)[first.id][-1] == "x" * 120


async def test_escape_mid_edit_cancels_and_changes_nothing(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("enter")  # from the list: into the cue pane
        assert isinstance(screen.focused, CueList)
        await pilot.press("enter")  # edit cue 1
        await type_text(pilot, " and more")
        assert screen.query_one("#cues-left").disabled  # the list waits while editing
        await pilot.press("tab", "up", "down")  # do not move focus or the cursor mid-edit
        assert isinstance(screen.focused, CueInput)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.editing is None
        assert isinstance(app.screen, CuesScreen)  # escape cancelled, it did not leave
        assert isinstance(screen.focused, CueList)
        assert not screen.query_one("#cues-left").disabled
        assert shown_cues(screen) == list(LIB.exercises[0].cues)
    assert not db_path.exists() or saved(db_path) == {}


async def test_ninth_cue_and_last_cue_are_refused(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    HistoryStore.open(db_path).set_cues(first.id, [f"cue {i}" for i in range(8)])
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "a")
        assert screen.editing == 8  # the editor opens, with the limit said at once
        assert "already has 8 cues" in text_of(screen, "#cue-message")
        await type_text(pilot, "a ninth")
        await pilot.press("enter")
        assert screen.editing == 8
        assert "already has 8 cues" in text_of(screen, "#cue-message")
        editor = screen.editor()
        assert editor is not None and editor.value == "a ninth"
        await pilot.press("escape")
        await settle(pilot)
        assert saved(db_path)[first.id] == [f"cue {i}" for i in range(8)]
        # down to one cue, then the last delete is refused
        for _ in range(7):
            await pilot.press("d")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["cue 7"]
        await pilot.press("d")
        await settle(pilot)
        assert "at least one cue" in text_of(screen, "#cue-status")
        assert saved(db_path)[first.id] == ["cue 7"]
        # undo walks back through the deletes, in order
        for _ in range(7):
            await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)[first.id] == [f"cue {i}" for i in range(8)]


async def test_paste_is_tidied_to_one_line(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "a")
        editor = screen.editor()
        assert editor is not None
        editor.post_message(events.Paste("Ribs down,\nbelly\tsoft\x1b"))
        await pilot.pause()
        assert editor.value == "Ribs down, belly soft"
        message = text_of(screen, "#cue-message")
        assert "a line break became a space" in message
        assert "control character was removed" in message
        await pilot.press("enter")
        await settle(pilot)
        assert saved(db_path)[LIB.exercises[0].id][-1] == "Ribs down, belly soft"


async def test_quick_reorders_save_in_order(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "shift+down", "shift+down", "shift+down", "shift+up")
        await settle(pilot)
        cues = list(LIB.exercises[0].cues)
        cues.insert(2, cues.pop(0))
        assert shown_cues(screen) == cues
        assert saved(db_path)[LIB.exercises[0].id] == cues


async def test_moving_back_to_shipped_order_stores_shipped(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_cues(pilot)
        await pilot.press("tab", "shift+down")
        await settle(pilot)
        assert LIB.exercises[0].id in saved(db_path)
        await pilot.press("shift+up")
        await settle(pilot)
        assert saved(db_path) == {}


async def test_filter_escape_clears_and_no_match_is_explained(make_app) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zzz")
        await pilot.pause()
        assert screen.selected is None
        assert "No exercise matches" in text_of(screen, "#cue-title")
        await pilot.press("a")  # types into the filter, does not add a cue
        assert screen.query_one("#cue-filter", Input).value == "zzza"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#cue-filter", Input).value == ""
        assert isinstance(screen.focused, OptionList)
        assert screen.selected == LIB.exercises[0].id
        await pilot.press("k", "j", "j")
        assert screen.selected == LIB.exercises[1].id


async def test_help_lists_every_key(make_app) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_cues(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from glute_tui.ui.screens.help import describe_keys

        keys = dict(describe_keys(app.screen.under))
        for key in ("e", "a", "d", "u", "⇧↑↓", "⇧↓", "r", "/", "tab", "esc", "↑ k", "↓ j", "→ l"):
            assert key in keys, key


async def test_tiny_terminal_keeps_the_edit(make_app) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "a")
        await type_text(pilot, "half typed")
        await pilot.resize_terminal(40, 12)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.1)
        assert app.screen is screen
        editor = screen.editor()
        assert editor is not None and editor.value == "half typed"


async def test_home_key_opens_the_editor(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CuesScreen)


# ---- snapshots ---------------------------------------------------------------------------
def test_snapshot_list(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("j", "j")  # Prone bent-knee lift: has an evidence tier
        await pilot.pause()

    assert snap_compare(make_app("cues"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_edit_in_progress(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("tab", "j", "e")
        await type_text(pilot, " Slowly.")
        await pilot.pause()

    assert snap_compare(make_app("cues"), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_validation_error(snap_compare, make_app) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("tab", "a")
        screen = pilot.app.screen
        screen.editor().value = screen._current_cues()[0]
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app("cues"), terminal_size=(80, 24), run_before=run_before)


async def test_letters_with_bindings_type_into_the_editor(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        theme = app.theme
        await pilot.press("tab", "a")
        await pilot.press(*"jk?tuerad/", "question_mark", "slash")
        editor = screen.editor()
        assert editor is not None and editor.value == "jk?tuerad/?/"
        assert app.screen is screen and app.theme == theme
        await pilot.press("enter")
        await settle(pilot)
        assert saved(db_path)[LIB.exercises[0].id][-1] == "jk?tuerad/?/"


async def test_a_click_picks_a_cue(make_app) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.click("#cue-row-2")
        await pilot.pause()
        assert screen.cursor == 2
        assert isinstance(screen.focused, CueList)


async def burst(pilot: Any, keys: list[str]) -> None:
    """Post keys all at once, as a terminal does with pasted keystrokes or automation."""
    for key in keys:
        name = {" ": "space", "/": "slash"}.get(key, key)
        pilot.app.post_message(events.Key(name, key if len(key) == 1 else None))
    await settle(pilot)


async def test_a_burst_of_keys_runs_in_order(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab")
        await burst(pilot, ["a", *"one more", "enter", "a", *"and two", "enter"])
        assert saved(db_path)[first.id] == [*first.cues, "one more", "and two"]
        # delete then edit: the edit lands on the cue that moved under the cursor
        await burst(pilot, ["d", "e", *" ok", "enter"])
        assert saved(db_path)[first.id] == [*first.cues, "one more ok"]
        # editing keys in a burst work too: ctrl+u clears, backspace deletes
        await burst(pilot, ["e", "ctrl+u", *"fresh!", "backspace", "enter"])
        assert saved(db_path)[first.id] == [*first.cues, "fresh"]
        assert isinstance(screen.focused, CueList) and screen.editing is None
        # the filter: `/` + letters + Enter from the list
        await pilot.press("tab")
        await burst(pilot, ["/", *"clam", "enter", "j"])
        assert screen.query_one("#cue-filter", Input).value == "clam"
        assert screen.selected == "clamshell"


async def test_a_failed_save_is_said_on_screen_and_the_list_shows_the_file(
    make_app, db_path: Path, monkeypatch
) -> None:
    from glute_tui.store.history import StoreError

    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)

        def refuse(*_: object, **__: object) -> None:
            raise StoreError("the disk is full")

        monkeypatch.setattr(app.store, "save_cues", refuse)
        await pilot.press("tab", "d")
        await settle(pilot)
        status = text_of(screen, "#cue-status")
        assert "Could not save: the disk is full" in status
        assert shown_cues(screen) == list(LIB.exercises[0].cues)
    assert not db_path.exists() or saved(db_path) == {}


async def test_undo_finds_its_exercise_behind_a_filter(make_app, db_path: Path) -> None:
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "d")
        await settle(pilot)
        await pilot.press("tab", "slash", *"clam", "enter")
        assert screen.selected == "clamshell"
        await pilot.press("u")
        await settle(pilot)
        assert screen.selected == LIB.exercises[0].id
        assert screen.query_one("#cue-filter", Input).value == ""
        assert saved(db_path) == {}  # back to exactly the shipped cues


# ---- undo covers every change (issue 16) ---------------------------------------------------
async def test_undo_walks_back_edits_adds_moves_and_reset(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    mine = ["Knees soft.", "Ribs down", "Breathe out!"]
    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    HistoryStore.open(db_path).set_cues(first.id, mine)
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "e", "ctrl+u")
        await type_text(pilot, "Knees easy")
        await pilot.press("enter")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Knees easy", *mine[1:]]
        await pilot.press("a")
        await type_text(pilot, "Slow")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("shift+up")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Knees easy", "Ribs down", "Slow", "Breathe out!"]
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert first.id not in saved(db_path)
        assert "shipped cues again — u puts yours back" in text_of(screen, "#cue-status")
        # and back, one step at a time
        await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Knees easy", "Ribs down", "Slow", "Breathe out!"]
        assert "Your 4 cues for" in text_of(screen, "#cue-status")
        await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Knees easy", "Ribs down", "Breathe out!", "Slow"]
        await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Knees easy", *mine[1:]]
        await pilot.press("u")
        await settle(pilot)
        assert saved(db_path)[first.id] == mine
        assert text_of(screen, "#cue-status") == "Edit undone: “Knees soft.” is back."
        assert not screen.undo_stack and screen.check_action("undo", ()) is False
        await pilot.press("u")  # nothing left: the key is off the footer and does nothing
        await settle(pilot)
        assert saved(db_path)[first.id] == mine


async def test_put_back_ends_with_one_stop(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    HistoryStore.open(db_path).set_cues(first.id, ["Knees soft.", "Ribs down"])
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "d")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert text_of(screen, "#cue-status") == "Put back “Knees soft.”"
        await pilot.press("j", "d")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert text_of(screen, "#cue-status") == "Put back “Ribs down”."


# ---- two windows on one file (issue 10) -----------------------------------------------------
async def test_a_stale_edit_is_refused_and_the_typed_text_stays(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    other = HistoryStore.open(db_path)  # the other window, on the same file
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        await pilot.press("tab", "e")
        other.set_cues(first.id, ["Theirs"])
        await pilot.press("ctrl+u")
        await type_text(pilot, "Mine")
        await pilot.press("enter")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Theirs"]  # nothing of theirs was dropped
        assert shown_cues(screen) == []  # the editor is open over the reloaded list
        editor = screen.editor()
        assert editor is not None and editor.value == "Mine"
        assert "Another window changed the cues" in text_of(screen, "#cue-message")
        await pilot.press("enter")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Mine"]
        assert shown_cues(screen) == ["Mine"]


async def test_a_stale_delete_is_refused_and_said(make_app, db_path: Path) -> None:
    first = LIB.exercises[0]
    HistoryStore.open(db_path).set_setting("disclaimer_seen", True)
    other = HistoryStore.open(db_path)
    app = make_app("cues")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_cues(pilot)
        other.set_cues(first.id, ["Theirs", "Also theirs"])
        await pilot.press("tab", "d")
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Theirs", "Also theirs"]
        assert shown_cues(screen) == ["Theirs", "Also theirs"]
        status = text_of(screen, "#cue-status")
        assert "Another window changed the cues" in status and "Yours was:" in status
        await pilot.press("u")  # the refused delete is not on the undo list
        await settle(pilot)
        assert saved(db_path)[first.id] == ["Theirs", "Also theirs"]


async def test_the_screenshot_shows_the_whole_list(make_app) -> None:
    from glute_tui.ui.screenshots import _cues_setup

    app = make_app("cues")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_cues(pilot)
        await _cues_setup(pilot)
        await pilot.pause()
        assert screen.selected == "clamshell" and screen.editor() is not None
        assert screen.query_one("#cue-filter", Input).value == ""
        options = screen.query_one("#cue-exercises", OptionList)
        every = [options.get_option_at_index(i) for i in range(options.option_count)]
        assert [o.id for o in every if not o.disabled] == [ex.id for ex in LIB]


def test_the_cue_editor_uses_no_private_textual_api() -> None:
    import re

    root = Path(__file__).resolve().parents[2] / "glute_tui" / "ui"
    files = [*root.glob("screens/cue*.py"), root / "widgets" / "cue_widgets.py"]
    files.append(root / "dialogs" / "cues.py")
    private = re.compile(r"\._check_bindings|\._bindings\b|def _on_paste|app\._[a-z]")
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not private.search(line), f"{path.name}:{number}: {line.strip()}"
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
