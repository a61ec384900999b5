"""Tones, a system sound player and spoken cues: best effort, never blocking a phase.

Like store/, this package does I/O (a cache folder, child processes); it never imports
Textual or the UI. The live screen talks to it through `Signals` (signals.py).
"""
