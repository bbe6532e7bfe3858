"""Pure computation for the aimath course: numpy + sympy, no UI, no file I/O.

Submodules are imported on demand (``from mathcore import linalg``) so that the
app's start-up never pays for numpy or sympy.
"""


class InputError(ValueError):
    """Bad user input. ``str(err)`` is a Korean message meant for the user.

    ``field`` optionally names the input field the message is about.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


__all__ = ["InputError"]
