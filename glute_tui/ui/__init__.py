"""Everything Textual. Screens render what core computes and ask store to save."""
