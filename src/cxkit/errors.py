"""The one fatal-error type: a user-facing failure the CLI turns into exit code 2."""


class CxkitError(Exception):
    """A problem that stops a command (bad usage, unreadable config, missing path).

    Problems inside a user's files are findings, never this.
    """
