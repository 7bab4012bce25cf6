"""Run a command in the terminal and print how it ended: `[exit status N]` (N < 0: signal -N).

tmux can be slow to notice that a pane's process ended (it relies on reaping a zombie), so the
tests read the ending from the screen instead. Usage: exit_status.py PID_FILE COMMAND...
"""

import signal
import subprocess
import sys
from pathlib import Path


def main() -> None:
    # A handler, not SIG_IGN: handlers reset on exec, so the command still gets Ctrl-C itself.
    signal.signal(signal.SIGINT, lambda *_: None)
    child = subprocess.Popen(sys.argv[2:])
    Path(sys.argv[1]).write_text(str(child.pid))
    status = child.wait()
    print(f"\n[exit status {status}]", flush=True)


if __name__ == "__main__":
    main()
