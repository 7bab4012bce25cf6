"""Keys as a terminal sends them (questionary's own tests use the same sequences)."""

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
ESCAPE_ENTER = "\x1b\r"
CTRL_C = "\x03"
CTRL_E = "\x05"
