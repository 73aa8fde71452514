"""axe-core from npm, at the version pinned in package.json (installed by `make browser-deps`)."""

from __future__ import annotations

import json
from functools import cache

import chromium
from site_map import REPO

SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
INSTALL_HINT = (
    "axe-core comes from npm: install Node.js and npm (`sudo apt-get install npm`), "
    "then run `make browser-deps` (it runs `npm ci`)."
)


def pinned_version() -> str:
    """The axe-core version package.json pins (exactly, no range)."""
    manifest = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    return manifest["devDependencies"]["axe-core"]


@cache
def script() -> str | None:
    """axe.min.js as installed under node_modules/, or None when it is not installed."""
    return SCRIPT.read_text(encoding="utf-8") if SCRIPT.is_file() else None


def require() -> None:
    """Skip (fail under CI=true) with how to install axe-core when node_modules/ does not have it."""
    if script() is None:
        chromium.missing(f"axe-core is not installed ({SCRIPT} is missing).", INSTALL_HINT)


def run(page) -> dict:
    """Inject axe-core into the loaded page and run every WCAG 2.0/2.1/2.2 A and AA rule on it.

    Returns the running axe's version and the violations it finds."""
    page.evaluate(script())
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})
                     .then(results => ({version: axe.version, violations: results.violations}))""",
        TAGS,
    )


def describe(violations: list[dict]) -> str:
    """Rule id, impact and the failing nodes, for a failure message."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)
