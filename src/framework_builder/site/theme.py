"""Where page templates and theme overrides come from.

Defaults live in the repository's `templates/` folder and ship inside the wheel as
`framework_builder/templates`; a project's own `templates/` folder overrides them
file by file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

_PACKAGED = Path(__file__).parent / "templates"
_CHECKOUT = Path(__file__).resolve().parents[3] / "templates"


def default_templates_dir() -> Path:
    """The built-in templates: packaged in a wheel, or the checkout's `templates/`."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def template_dirs(project_dir: Path | None = None) -> list[Path]:
    """Template folders in lookup order: the project's own first, then the defaults."""
    dirs = []
    if project_dir is not None:
        own = (project_dir / "templates").resolve()
        if own.is_dir() and own != default_templates_dir().resolve():
            dirs.append(own)
    dirs.append(default_templates_dir())
    return dirs


def find_template_file(relative: str, project_dir: Path | None = None) -> Path | None:
    """The first `relative` file found in the template folders (for theme files and assets)."""
    for folder in template_dirs(project_dir):
        candidate = folder / relative
        if candidate.exists():
            return candidate
    return None


def environment(project_dir: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment over the page templates. Markdown output: no HTML autoescape;
    community text goes through the render filters, which escape and sanitize it."""
    loader = jinja2.FileSystemLoader([str(d / "pages") for d in template_dirs(project_dir)])
    return jinja2.Environment(
        loader=loader,
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def templates_digest(project_dir: Path | None = None) -> str:
    """A digest of every template and theme file in use, for the build cache."""
    sha = hashlib.sha256()
    for folder in template_dirs(project_dir):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            sha.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def base_config_file(project_dir: Path | None = None) -> Path:
    """The shared MkDocs settings every version INHERITs: the project's `mkdocs.yml`, else the built-in one."""
    if project_dir is not None and (project_dir / "mkdocs.yml").is_file():
        return (project_dir / "mkdocs.yml").resolve()
    packaged = _PACKAGED / "mkdocs.yml"
    return packaged if packaged.is_file() else _CHECKOUT.parent / "mkdocs.yml"
