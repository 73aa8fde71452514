"""The theme of a project: where its templates, theme overrides, assets and base MkDocs settings come from.

Defaults live in the repository's `templates/` folder and ship inside the wheel as
`framework_builder/templates`; a project's own `templates/` folder overrides them file by
file. `Theme.for_project` gives the one theme of a project folder, and the theme gives the
one Jinja environment of each kind of template, created once, so each template compiles
once per process (and again only when its file changes).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import jinja2

from framework_builder.site import i18n
from framework_builder.site.render.context import FILTERS, GLOBALS
from framework_builder.site.render.escape import url_part, yaml_string

_PACKAGE = Path(__file__).resolve().parents[1]  # framework_builder/
_PACKAGED = _PACKAGE / "templates"  # in a wheel (pyproject.toml: force-include)
_CHECKOUT = _PACKAGE.parents[1] / "templates"  # in a checkout: src/framework_builder/ → templates/
ASSETS = ("assets/theme.css",)  # copied into every version's docs and loaded on every page


def default_templates_dir() -> Path:
    """The built-in templates: packaged in a wheel, or the checkout's `templates/`."""
    return _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


@dataclass(frozen=True)
class Theme:
    """The template folders of a project, in lookup order (its own first, then the defaults)."""

    folders: tuple[Path, ...]
    project_dir: Path | None  # None: the built-in theme alone

    @staticmethod
    def for_project(project_dir: Path | None = None) -> Theme:
        """The theme of a project folder (the built-in one without a folder); one object per folder and templates."""
        folders = []
        if project_dir is not None:
            own = (project_dir / "templates").resolve()
            if own.is_dir() and own != default_templates_dir().resolve():
                folders.append(own)
        folders.append(default_templates_dir())
        return _theme(tuple(folders), project_dir.resolve() if project_dir is not None else None)

    def find(self, relative: str) -> Path | None:
        """The first `relative` file or folder found in the template folders."""
        for folder in self.folders:
            candidate = folder / relative
            if candidate.exists():
                return candidate
        return None

    @property
    def overrides(self) -> Path | None:
        """The Material theme overrides folder (MkDocs' `custom_dir`), absolute."""
        found = self.find("overrides")
        return found.resolve() if found is not None else None

    @property
    def assets(self) -> tuple[tuple[Path, str], ...]:
        """(source file, path in the docs) of the CSS every version loads."""
        return tuple((source, relative) for relative in ASSETS if (source := self.find(relative)) is not None)

    @property
    def base_config(self) -> Path:
        """The shared MkDocs settings every version INHERITs: the project's `mkdocs.yml`, else the built-in one."""
        if self.project_dir is not None and (self.project_dir / "mkdocs.yml").is_file():
            return (self.project_dir / "mkdocs.yml").resolve()
        packaged = _PACKAGED / "mkdocs.yml"
        return packaged if packaged.is_file() else _CHECKOUT.parent / "mkdocs.yml"

    def digest(self) -> str:
        """A digest of every template and theme file and of the base settings, for the build cache."""
        sha = hashlib.sha256()
        for folder in self.folders:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                sha.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
        sha.update(b"mkdocs.yml\0" + self.base_config.read_bytes())
        return sha.hexdigest()

    def _loader(self, kind: str) -> jinja2.FileSystemLoader:
        return jinja2.FileSystemLoader([str(folder / kind) for folder in self.folders])

    @cached_property
    def pages(self) -> jinja2.Environment:
        """The page templates (`pages/`): Markdown out, no HTML autoescape; community text leaves
        through the render filters, which escape and sanitize it; the tool's own sentences are
        gettext messages (`i18n.install`), with already filtered community text as placeholders."""
        env = jinja2.Environment(loader=self._loader("pages"), autoescape=False, undefined=jinja2.StrictUndefined,
                                 keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
        env.filters.update(FILTERS)
        env.globals.update(GLOBALS)
        i18n.install(env)  # `{% trans %}` and `_()`: the tool's sentences in the language being rendered
        return env

    @cached_property
    def portal(self) -> jinja2.Environment:
        """The portal and redirect pages (`portal/`): HTML, autoescaped; folder names in links through `url`."""
        env = jinja2.Environment(loader=self._loader("portal"), autoescape=True, undefined=jinja2.StrictUndefined,
                                 trim_blocks=True, lstrip_blocks=True)
        env.filters["url"] = url_part
        i18n.install(env)
        return env

    @cached_property
    def scaffold(self) -> jinja2.Environment:
        """What `new` writes (`scaffold/`): YAML, names through the `yaml` filter."""
        env = jinja2.Environment(loader=self._loader("scaffold"), autoescape=False, undefined=jinja2.StrictUndefined,
                                 keep_trailing_newline=True)
        env.filters["yaml"] = yaml_string
        return env


@lru_cache(maxsize=16)
def _theme(folders: tuple[Path, ...], project_dir: Path | None) -> Theme:
    return Theme(folders, project_dir)
