"""The one typed way from a screen or widget to the running GluteApp.

`self.app` is typed as a plain `App`; screens used to annotate it as `Any` and lose
every check mypy could make. `glute_app(self)` returns it as a `GluteApp` instead.

The import of GluteApp is for the type checker only: app.py imports the screens (to push
them), so a run-time import here would be a cycle. import-linter is told to ignore
TYPE_CHECKING imports (pyproject), mypy reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from glute_tui.ui.app import GluteApp


def glute_app(node: DOMNode) -> GluteApp:
    """The GluteApp `node` runs in (a screen, widget or the app itself).

    Raises `NoActiveAppError` (Textual's) when `node` is not part of a running app, like
    `node.app` does, and TypeError when that app is not a GluteApp (a widget mounted in a
    test app of its own), so a wrong guess never turns into an AttributeError later.
    """
    app = node.app
    if not getattr(app, "is_glute_app", False):
        raise TypeError(f"{type(node).__name__} is not running in glute-tui's app")
    return cast("GluteApp", app)


class GluteHost:
    """Base of a screen's mixin (live_keys.py, live_resume.py): `self.glute()` is
    glute_app(self) there too, where mypy does not know the mixin is a screen."""

    def glute(self) -> GluteApp:
        return glute_app(cast("DOMNode", self))
