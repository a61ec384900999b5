"""The app's seam with Textual: public API only, and bugs in write callbacks surface."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import glute_tui
from glute_tui.ui.app import GluteApp
from glute_tui.ui.screens.too_small import TooSmallScreen
from tests.conftest import settle

PRIVATE_TEXTUAL = re.compile(
    r"\b(_on_resize|_handle_exception|_check_bindings|_bindings|_on_paste)\b"
)
PACKAGE = Path(glute_tui.__file__).parent

# Files other helpers are rewriting in the same round (issue 11). The lead empties this
# after the merge; a file listed here that no longer uses a private name fails the test too.
STILL_TO_CLEAN: dict[str, set[str]] = {}


def private_names() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names = set(PRIVATE_TEXTUAL.findall(path.read_text(encoding="utf-8")))
        if names:
            found[path.relative_to(PACKAGE).as_posix()] = names
    return found


def test_no_private_textual_names_outside_the_known_list() -> None:
    assert private_names() == STILL_TO_CLEAN


def test_the_app_overrides_no_private_textual_handler() -> None:
    overridden = {name for name in vars(GluteApp) if name.startswith("_on_")}
    assert overridden == set()


async def test_a_bug_in_a_write_is_an_error_not_a_silent_toast(make_app) -> None:
    """A programming error in a write (not a store problem) must stop the app with the
    error, as any other bug does; only StoreError/OSError/ValueError become a toast."""

    def change(_store: object) -> None:
        raise RuntimeError("bug in the change")

    app = make_app()
    with pytest.raises(RuntimeError, match="bug in the change"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.write(change)
            await app.wait_for_writes()
            await pilot.pause()
    assert app.return_code == 1


async def test_a_bug_in_a_write_callback_is_not_swallowed(make_app) -> None:
    """on_done ran inside an asyncio done-callback: an exception in it went to asyncio's
    log and the app carried on as if the save had been shown."""

    def on_done(_result: object) -> None:
        raise RuntimeError("bug in on_done")

    app = make_app()
    with pytest.raises(RuntimeError, match="bug in on_done"):
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            app.write(lambda s: s.set_setting("theme", "textual-dark"), on_done=on_done)
            await app.wait_for_writes()
            await pilot.pause()
    assert app.return_code == 1


async def test_a_store_error_in_a_write_is_a_toast_and_the_app_carries_on(make_app) -> None:
    def change(_store: object) -> None:
        raise OSError("disk full")

    app = make_app()
    said: list[str] = []
    app.notify = lambda message, **_kw: said.append(str(message))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.write(change)
        await app.wait_for_writes()
        await pilot.pause()
        assert said == ["Could not save: disk full"]
    assert app.return_code in (0, None)


async def test_growing_back_from_too_small_with_only_on_resize(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(59, 24)
        await pilot.pause(0.1)
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(60, 18)
        await pilot.pause(0.1)
        assert not isinstance(app.screen, TooSmallScreen)


def test_shared_words_are_a_leaf_and_help_does_not_import_home() -> None:
    import grimp

    graph = grimp.build_graph("glute_tui", exclude_type_checking_imports=True)
    assert graph.find_modules_directly_imported_by("glute_tui.ui.words") == set()
    assert not graph.direct_import_exists(
        importer="glute_tui.ui.screens.help", imported="glute_tui.ui.screens.home"
    )
    assert not graph.chain_exists(
        importer="glute_tui.ui.screens.too_small", imported="glute_tui.ui.app"
    )


async def test_glute_app_gives_the_typed_app_to_any_screen(make_app) -> None:
    from glute_tui.ui.access import glute_app

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert glute_app(app.screen) is app
        assert glute_app(app.screen.query_one("#today")) is app
        assert glute_app(app) is app


async def test_glute_app_refuses_an_app_that_is_not_glute_tui() -> None:
    from textual.app import App

    from glute_tui.ui.access import glute_app

    other: App[None] = App()
    async with other.run_test(size=(80, 24)):
        with pytest.raises(TypeError, match="not running in glute-tui"):
            glute_app(other.screen)
