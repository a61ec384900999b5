"""glute-tui: a keyboard-first terminal coach for glute-imbalance rehab."""

__version__ = "0.1.0"
