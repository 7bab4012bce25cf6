"""Draw a uniform random sample of mutant names (run from the folder mutmut ran in), for
`mutmut run NAME ...` when a target has too many mutants to run them all (tests/MUTATION.md).

    python tests/mutation/sample.py 100 22 "reflect.render.export*" > /tmp/sample.txt

Every mutant of the modules matching the patterns is equally likely: the names, sorted, are
drawn with random.sample after random.seed(SEED), so the same copy gives the same sample.
"""

from __future__ import annotations

import fnmatch
import json
import random
import sys
from pathlib import Path


def main() -> None:
    if len(sys.argv) < 4:
        raise SystemExit("usage: sample.py COUNT SEED PATTERN...")
    count, seed, patterns = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
    names = []
    for meta in Path("mutants").rglob("*.py.meta"):
        source = Path(str(meta)[: -len(".meta")])
        module = ".".join(source.relative_to("mutants").with_suffix("").parts)
        if any(fnmatch.fnmatch(module + ".x", pattern) for pattern in patterns):
            names += json.loads(meta.read_text())["exit_code_by_key"]
    random.seed(seed)
    print("\n".join(random.sample(sorted(names), count)))


if __name__ == "__main__":
    main()
