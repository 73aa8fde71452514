"""Zensical kept running beside a build's worker, so Python starts and Zensical loads once per worker,
not once per version (`engines.ZensicalHost` starts it, asks and reads the answers).

    python -m framework_builder.site.zensical_host

Reads requests on stdin, one JSON object a line: {"config": "/abs/work/mkdocs.yml", "epoch": 1764547200};
builds each in its config's folder with SOURCE_DATE_EPOCH set, and answers on stdout, one JSON line:
{"ok": true} or {"ok": false, "error": "..."}. Everything Zensical prints, on stdout or stderr, goes to
this process's stderr (the engine's log). After an error that is not an ordinary exception (a Rust panic),
it answers, then exits, so that the next version starts a fresh Zensical.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO


def main() -> None:
    """Serve build requests until stdin closes."""
    answers: TextIO = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # Zensical prints to fd 1 too: all of it goes to the log
    import zensical  # noqa: PLC0415  (after the redirection: importing may print)

    for line in sys.stdin:
        request = json.loads(line)
        os.environ["SOURCE_DATE_EPOCH"] = str(request["epoch"])
        os.chdir(os.path.dirname(request["config"]))
        answer: dict[str, object] = {"ok": True}
        fatal = False
        try:
            zensical.build(request["config"], {"clean": False, "strict": True})
        except Exception as exc:  # --strict aborting on warnings, a config Zensical refuses
            answer = {"ok": False, "error": str(exc)}
        except BaseException as exc:  # a Rust panic (pyo3's PanicException); KeyboardInterrupt ends us
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            answer, fatal = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}, True
        sys.stdout.flush()
        sys.stderr.flush()
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
        if fatal:
            return


if __name__ == "__main__":
    main()
