"""The command line's one expected failure: a message for one line on stderr, exit 2."""


class CliError(Exception):
    pass
