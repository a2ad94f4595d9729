"""Packaging glue that pyproject.toml cannot say: the top-level `templates/` folder is
shipped inside the package as `consolidate/templates`, next to every package that
`find_packages` discovers (so a new sub-package needs no edit here)."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["consolidate", "consolidate.*"]), "consolidate.templates"],
    package_dir={"consolidate.templates": "templates"},
)
