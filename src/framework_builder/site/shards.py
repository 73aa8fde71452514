"""Splitting a network across CI runners: which frameworks a shard builds, and what it records for `merge`.

`--shard K/N` builds the frameworks whose slug hashes to K (a SHA-256 of the slug, modulo N), so a
framework stays in its shard whatever is added or removed around it. Every build writes its
settings (`SETTINGS_FILE`: engine, site URL, build date) at the top of its output, so `merge`
can refuse shards built for different addresses or engines and write the portal as a single
build would.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from framework_builder.errors import UsageError

SETTINGS_FILE = ".build.json"


@dataclass(frozen=True)
class Shard:
    """Shard `number` of `count` (1-based)."""

    number: int
    count: int

    @staticmethod
    def parse(text: str) -> Shard:
        """`K/N` with 1 <= K <= N, else UsageError."""
        match = re.fullmatch(r"([0-9]{1,4})/([0-9]{1,4})", text)
        if match is None or not 1 <= int(match[1]) <= int(match[2]):
            raise UsageError(f"--shard takes K/N, shard K of N with 1 <= K <= N (for example 1/4), not '{text}'")
        return Shard(int(match[1]), int(match[2]))

    def holds(self, slug: str) -> bool:
        """Whether the framework `slug` is built by this shard."""
        return int.from_bytes(hashlib.sha256(slug.encode()).digest()[:8], "big") % self.count == self.number - 1

    def __str__(self) -> str:
        return f"{self.number}/{self.count}"


@dataclass(frozen=True)
class Settings:
    """What a build was made with, as `merge` compares it."""

    engine: str
    site_url: str
    today: str  # YYYY-MM-DD

    def write(self, site: Path) -> None:
        (site / SETTINGS_FILE).write_text(json.dumps(asdict(self), sort_keys=True) + "\n", encoding="utf-8")

    @staticmethod
    def read(site: Path) -> Settings:
        """The settings a build recorded in `site`, else UsageError."""
        try:
            return Settings(**json.loads((site / SETTINGS_FILE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise UsageError(f"{site}/ has no readable {SETTINGS_FILE} ({exc}): merge only sites built by "
                             "this version of framework-builder (build them again).") from None
