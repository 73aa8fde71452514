"""`framework-builder edit`: the form editor for every framework, served on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable

from framework_builder.editor.server import Editor, make_server
from framework_builder.errors import UsageError


def run(root: Path, port: int, today: dt.date, say: Callable[[str], None] = print) -> None:
    """Serve the editor until interrupted. `root` must be inside the current folder (the project)."""
    project = Path.cwd().resolve()
    if not root.is_dir():
        raise UsageError(f"{root} is not a folder of frameworks")
    relative = Path(os.path.relpath(root.resolve(), project))
    if relative.parts[:1] == ("..",):
        raise UsageError(f"{root} is outside the current folder: run edit from the project folder")
    try:
        server = make_server(Editor(project, relative, today), port, say)
    except OSError as exc:
        raise UsageError(f"cannot listen on 127.0.0.1:{port}: {exc.strerror}") from None
    say(f"Editing the frameworks in {relative}: open http://127.0.0.1:{server.server_address[1]}/ "
        "(Ctrl+C stops the editor).")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
