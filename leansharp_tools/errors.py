"""The one exception type the CLI turns into a one-line message and an exit code."""


class LeanSharpError(Exception):
    """A user-facing failure: `str(err)` is the whole message (problem and fix)."""

    exit_code = 1

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code
