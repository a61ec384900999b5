"""Everything that touches files: TinyDB history, journal, lock, shipped data, export."""
