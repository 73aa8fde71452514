"""Ship the repository's templates/ inside the wheel as framework_builder/templates.

Everything else is declared in pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithTemplates(build_py):
    """Copy templates/ (page templates, theme overrides, assets) into the built package."""

    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "templates"
        target = Path(self.build_lib) / "framework_builder" / "templates"
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        # The default MkDocs settings, for projects without their own mkdocs.yml.
        shutil.copy(Path(__file__).parent / "mkdocs.yml", target / "mkdocs.yml")


setup(cmdclass={"build_py": BuildPyWithTemplates})
