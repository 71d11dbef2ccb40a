"""Builds the Python package `contrascreen` with the project's own CMake, offline.

The compiled module contrascreen._core is built by CMake (the same bindings/python/CMakeLists.txt
as a normal build, for the interpreter that runs this script) and copied into the package next
to the pure-Python files, the type stubs and py.typed. Nothing is downloaded: CMake finds
Debian's pybind11 (pybind11-dev), Python headers (python3-dev) and the library's dependencies.

    python3 -m pip install --no-build-isolation --no-index bindings/python

CMAKE_BUILD_PARALLEL_LEVEL sets the number of compile jobs (default: one per core).
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(contrascreen\s+VERSION\s+([0-9.]+)", text).group(1)


class CMakeExtension(Extension):
    """An extension CMake builds; it has no sources of its own for setuptools."""

    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            "-DCONTRASCREEN_BUILD_TESTS=OFF",
            "-DCONTRASCREEN_BUILD_BENCH=OFF",
            "-DCONTRASCREEN_BUILD_PYTHON=ON",
            f"-DCONTRASCREEN_PYTHON={sys.executable}",
        ]
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 1))
        subprocess.check_call(configure)
        subprocess.check_call(["cmake", "--build", str(build_dir), "--target", "contrascreen_python", "-j", jobs])
        built = build_dir / "bindings" / "python" / "contrascreen" / ("_core" + sysconfig.get_config_var("EXT_SUFFIX"))
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


# setuptools' scratch files (build/, the egg-info) stay under build/, which git ignores.
BUILD = HERE / "build"
BUILD.mkdir(exist_ok=True)

setup(
    name="contrascreen",
    version=project_version(),
    description="Screens intake answers against a clinic's contraindication policy",
    long_description=__doc__,
    license="see the repository",
    python_requires=">=3.9",
    packages=["contrascreen"],
    package_dir={"contrascreen": "contrascreen"},
    package_data={"contrascreen": ["__init__.pyi", "dask.pyi", "py.typed"]},
    ext_modules=[CMakeExtension("contrascreen._core")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
    options={"egg_info": {"egg_base": os.path.relpath(BUILD)}},
)
