"""The bundled demo corpus ships inside the package: ``seeds/`` stays at the top of the
repository (the project's layout), and building copies it to ``search/seeds/`` in the
wheel, so ``pip install .`` and pipx installs have their demo (search/engine.py,
``SEEDS_DIR``). An editable install reads the checkout's ``seeds/`` directly. Everything
else about the build is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithSeeds(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        source = Path(__file__).resolve().parent / "seeds"
        target = Path(self.build_lib) / "search" / "seeds"
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*", "__pycache__"))


setup(cmdclass={"build_py": BuildWithSeeds})
