"""Companion package of the book *Vector Calculus for Graphics, Robotics and
Machine Learning*.

Every notebook of the book imports it as ``import companion as cp``; the
modules are loaded on first use (``cp.calculus``, ``cp.numeric``, ...), so
that starting a notebook costs only the modules the page really uses.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "autodiff",
    "calculus",
    "coordinates",
    "discrete",
    "learning",
    "numeric",
    "optimize",
    "pages",
    "plotting",
    "robotics",
    "rotations",
    "spectra",
    "surfaces",
    "vectors",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # PEP 562: import a submodule the first time it is asked for.
    if name in __all__:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
