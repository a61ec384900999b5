from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from glute_tui.core import cues
from glute_tui.core.cues import MAX_CUES, MAX_LENGTH, CueError


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Ribs down", True),
        ("  squeeze as if cracking a walnut  ", True),  # trimmed
        ("Crème brûlée-level squeeze", True),  # accented letters
        ("Gesäß anspannen", True),
        ("お尻を締める", True),  # another script
        ("Push the floor away 💪", True),  # emoji
        ("Family effort 👩‍👩‍👧", True),  # emoji with zero-width joiners
        ("Scotland 🏴󠁧󠁢󠁳󠁣󠁴󠁿", True),  # tag-sequence flag
        ("Thumbs 👍🏽", True),  # skin-tone modifier
        ("x" * MAX_LENGTH, True),
        ("  " + "x" * MAX_LENGTH + "\n", True),  # 120 after trimming
        ("x" * (MAX_LENGTH + 1), False),
        ("é" * MAX_LENGTH, True),
        ("", False),
        ("   ", False),  # whitespace only
        ("\t\n ", False),
        ("\u3000", False),  # ideographic space only
        ("ribs\tdown", False),  # tab inside
        ("ribs\ndown", False),  # newline inside
        ("ribs\rdown", False),
        ("ribs\x00down", False),  # NUL
        ("ribs\x1b[31mdown", False),  # escape sequence
        ("ribs\x7fdown", False),  # DEL
        ("ribs\u0085down", False),  # C1 next line
        ("ribs\u2028down", False),  # line separator
        ("ribs\u200bdown", False),  # zero-width space (Cf)
        ("ribs\u202edown", False),  # right-to-left override (Cf)
        ("ribs\ufeffdown", False),  # byte order mark inside
        ("ribs\ud800down", False),  # lone surrogate
        ("ribs\u00a0down", True),  # no-break space is ordinary text
    ],
)
def test_cue_problem_table(text: str, ok: bool) -> None:
    assert (cues.cue_problem(text) is None) is ok


def test_length_is_counted_after_trimming_and_names_the_excess() -> None:
    message = cues.cue_problem(" " + "y" * 125 + " ")
    assert message is not None
    assert "125 characters" in message and "5 too many" in message


def test_control_character_message_is_plain() -> None:
    assert "a tab" in (cues.cue_problem("a\tb") or "")
    assert "a line break" in (cues.cue_problem("a\nb") or "")
    assert "U+200B" in (cues.cue_problem("a\u200bb") or "")
    assert "empty" in (cues.cue_problem("   ") or "")


def test_clean_trims_and_normalises() -> None:
    decomposed = "Cre\u0300me"
    assert cues.clean(f"  {decomposed} ") == "Crème"


@pytest.mark.parametrize(
    ("existing", "text", "ok"),
    [
        (("Ribs down",), "Ribs down", False),
        (("Ribs down",), "  Ribs down  ", False),  # same after trimming
        (("Crème",), "Cre\u0300me", False),  # same after NFC
        (("Ribs down",), "ribs down", True),  # case differs: not an exact duplicate
        (("Ribs down",), "Ribs down!", True),
    ],
)
def test_duplicates(existing: tuple[str, ...], text: str, ok: bool) -> None:
    if ok:
        assert cues.add(existing, text)[-1] == cues.clean(text)
    else:
        with pytest.raises(CueError, match="already in the list"):
            cues.add(existing, text)


def test_eight_cue_limit() -> None:
    eight = tuple(f"cue {i}" for i in range(MAX_CUES))
    assert cues.can_add(eight[:-1]) is None
    assert len(cues.add(eight[:-1], "cue 7")) == MAX_CUES
    assert cues.can_add(eight) is not None
    with pytest.raises(CueError, match="8 cues"):
        cues.add(eight, "a ninth")


def test_replace_keeps_its_own_text_and_refuses_others() -> None:
    base = ("a", "b", "c")
    assert cues.replace(base, 1, " b ") == base  # same cue again is not a duplicate
    assert cues.replace(base, 1, "B") == ("a", "B", "c")
    with pytest.raises(CueError, match="already"):
        cues.replace(base, 1, "c")
    with pytest.raises(CueError):
        cues.replace(base, 1, "x" * 121)
    with pytest.raises(CueError, match="no cue 4"):
        cues.replace(base, 3, "d")


def test_delete_keeps_at_least_one() -> None:
    assert cues.delete(("a", "b"), 0) == ("b",)
    with pytest.raises(CueError, match="at least one"):
        cues.delete(("a",), 0)


def test_move_up_down_and_ends() -> None:
    base = ("a", "b", "c")
    assert cues.move(base, 0, 1) == (("b", "a", "c"), 1)
    assert cues.move(base, 2, -1) == (("a", "c", "b"), 1)
    assert cues.move(base, 0, -1) == (base, 0)
    assert cues.move(base, 2, 1) == (base, 2)


@given(st.lists(st.text(max_size=5), min_size=1, max_size=8, unique=True), st.data())
def test_move_is_a_permutation(items: list[str], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(items) - 1))
    step = data.draw(st.sampled_from([-1, 1]))
    moved, new = cues.move(items, index, step)
    assert sorted(moved) == sorted(items)
    assert moved[new] == items[index]


@pytest.mark.parametrize(
    ("cue_list", "fragment"),
    [
        ([], "at least one"),
        ([f"c{i}" for i in range(9)], "at most 8"),
        (["fine", "  "], "Cue 2"),
        (["fine", "fine "], "twice"),
        (["ok", "tab\there"], "a tab"),
    ],
)
def test_list_problem(cue_list: list[str], fragment: str) -> None:
    assert fragment in (cues.list_problem(cue_list) or "")


def test_file_round_trip() -> None:
    data = {"bird_dog": ("Long spine", "Reach 👋"), "clamshell": ("Knees together",)}
    assert cues.parse_file(cues.to_file(data), ["bird_dog", "clamshell", "x"]) == data


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ([], "not a glute-tui cue file"),
        ({"format": "glute-tui-export", "version": 1, "cues": {}}, "not a glute-tui cue file"),
        ({"format": "glute-tui-cues", "version": 2, "cues": {"a": ["x"]}}, "version 2"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {"a": ["x"]}, "x": 1}, "'x'"),
        ({"format": "glute-tui-cues", "version": 1, "cues": []}, "must map"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {}}, "no cue sets"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {"nope": ["x"]}}, "'nope'"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {"a": "x"}}, "a: must be a list"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {"a": [1]}}, "a: must be a list"),
        ({"format": "glute-tui-cues", "version": 1, "cues": {"a": []}}, "a: An exercise"),
        (
            {"format": "glute-tui-cues", "version": 1, "cues": {"a": ["ok"], "b": ["x\ny"]}},
            "b: Cue 1",
        ),
    ],
)
def test_parse_file_refuses(raw: object, fragment: str) -> None:
    with pytest.raises(CueError) as info:
        cues.parse_file(raw, ["a", "b"])
    assert fragment in str(info.value)


@pytest.mark.parametrize(
    ("pasted", "text", "note"),
    [
        ("Ribs down", "Ribs down", ""),
        ("Ribs down\n", "Ribs down ", "a line break became a space"),
        ("one\r\ntwo\nthree", "one two three", "line breaks became spaces"),
        ("a\tb", "a b", "a tab became a space"),
        ("\x1b[31mred", "[31mred", "an invisible control character was removed"),
        ("a\u200bb\u202ec", "abc", "2 invisible control characters were removed"),
        ("👩‍👩‍👧 🇫🇷", "👩‍👩‍👧 🇫🇷", ""),
    ],
)
def test_tidy_paste(pasted: str, text: str, note: str) -> None:
    got_text, got_note = cues.tidy_paste(pasted)
    assert got_text == text
    assert note in got_note
    assert (got_note == "") == (note == "")
    assert cues.cue_problem(got_text) is None


def test_undo_puts_back_the_list_before_only_while_nothing_changed_since() -> None:
    from glute_tui.core.cues import CueChange, undo

    change = CueChange("bird_dog", "move", ("a", "b"), ("b", "a"), 0)
    assert undo(change, ("b", "a")) == ("a", "b")
    with pytest.raises(CueError, match="changed since"):
        undo(change, ("b", "a", "c"))
    assert change.undone_message("Bird dog") == "Move undone: “a” is cue 1 again."
    reset = CueChange("bird_dog", "reset", ("x",), ("s1", "s2"), 0)
    assert reset.undone_message("Bird dog") == "Your 1 cue for Bird dog is back."
