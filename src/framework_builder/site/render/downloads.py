"""Open data downloads of one version: the whole framework as JSON, actions and indicators as CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from framework_builder.model.framework import DatedValue
from framework_builder.model.items import actions, indicators
from framework_builder.site.render.indicators import latest, progress
from framework_builder.site.render.money import data_amounts
from framework_builder.site.versions import VersionContext

# Columns are only ever added at the end, so that a spreadsheet or script reading them keeps working.
ACTION_COLUMNS = ("goal", "objective", "id", "title", "lead", "partners", "timeframe", "start", "end",
                  "status", "addresses", "funding", "funding_amounts", "reference", "areas")
INDICATOR_COLUMNS = ("goal", "id", "name", "type", "measure", "unit", "direction", "baseline_value",
                     "baseline_date", "target_value", "target_date", "latest_value", "latest_date",
                     "progress_percent", "source", "frequency", "baseline_period", "target_period", "latest_period",
                     "reference", "served_by")


def _cell(value: object) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is prefixed with a quote."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
    return out.getvalue()


def actions_csv(ctx: VersionContext) -> str:
    """One row per action; `funding` holds its sources' ids, `funding_amounts` what the plan says each gives."""
    currency = ctx.framework.currency
    rows = [{**action.model_dump(mode="json"), "goal": goal.id, "objective": objective.id if objective else None,
             "funding": [link.source for link in action.funding_links()],
             "funding_amounts": data_amounts(action.funding_links(), currency)}
            for goal, objective, action in actions(ctx.framework)]
    return _csv(ACTION_COLUMNS, rows)


def indicators_csv(ctx: VersionContext) -> str:
    """One row per indicator, with its latest value and progress. A value over a period has its
    period in the `*_period` column (its `*_date` empty); one not known yet leaves both empty."""
    rows = []
    for goal, indicator in indicators(ctx.framework):
        row: dict[str, object] = {
            **indicator.model_dump(mode="json", exclude={"baseline", "target", "measurements", "description"}),
            "goal": goal.id,
            "progress_percent": progress(indicator),
        }
        for name, value in (("baseline", indicator.baseline), ("target", indicator.target),
                            ("latest", latest(indicator))):
            known = value if isinstance(value, DatedValue) else None
            row[f"{name}_value"] = known.value if known else None
            row[f"{name}_date"] = known.date if known else None
            row[f"{name}_period"] = known.period if known else None
        rows.append(row)
    return _csv(INDICATOR_COLUMNS, rows)


def framework_json(ctx: VersionContext) -> str:
    """The whole resolved version, with its effective status."""
    return json.dumps(ctx.framework.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def write_downloads(ctx: VersionContext, docs_dir: Path) -> None:
    """Write the download files under docs_dir/downloads."""
    folder = docs_dir / "downloads"
    folder.mkdir(parents=True, exist_ok=True)
    files = {"framework.json": framework_json(ctx), "actions.csv": actions_csv(ctx),
             "indicators.csv": indicators_csv(ctx)}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
