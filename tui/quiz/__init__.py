"""The quiz without a terminal: the session state machine, grading and recording, and how
quiz text is shown.  Textual screens (``tui.screens.quiz``) only render what these hold."""
