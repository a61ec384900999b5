"""Pure rehab logic: no Textual, no TinyDB, no file I/O, no wall clock."""
