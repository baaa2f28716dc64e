"""The packages of the `deungdae` namespace, found under each room's folder.

pyproject.toml maps each room onto the namespace (`package-dir`); this lists the packages
inside the rooms, so a new sector or folder needs no edit here. Written by
tools/namespace.py.
"""

from setuptools import find_namespace_packages, setup

ROOMS = ('hardware', 'records', 'sync', 'sectors', 'desktop', 'central', 'resources')

packages = ["deungdae"]
for room in ROOMS:
    packages.append(f"deungdae.{room}")
    packages += [f"deungdae.{room}.{p}" for p in find_namespace_packages(
        where=room, exclude=["__pycache__", "*.__pycache__"])]

setup(packages=packages)
