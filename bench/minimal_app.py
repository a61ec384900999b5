"""The reference: a minimal Textual app with a header, one line of text and a footer."""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Today minimal reference")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
