"""Bounds shared by the live screen and import (pure constants, imported from anywhere)."""

MAX_LOAD_KG = 1_000  # the most a set's load may be, in kilograms
