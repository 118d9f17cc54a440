"""Input checks shared by the companion's modules.

Every public function validates its arguments at the boundary with these
helpers, so that bad input fails early with a message naming the argument
and what was expected, rather than as a NaN or an error deep inside NumPy.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np


def as_vector(value: Any, name: str, *, dim: int | None = None,
              dtype: type = float) -> np.ndarray:
    """Return ``value`` as a finite 1-D array, or raise naming ``name``.

    Examples
    --------
    >>> as_vector([1, 2], "u")
    array([1., 2.])
    >>> as_vector([1, 2], "u", dim=3)
    Traceback (most recent call last):
    ...
    ValueError: u must have 3 components, got 2
    """
    if value is None:  # NumPy would read None as nan and blame finiteness
        raise TypeError(f"{name} must be a sequence of numbers, got None")
    try:
        arr = np.asarray(value, dtype=dtype)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a sequence of numbers, got {value!r}") from exc
    if arr.ndim == 0:
        arr = arr.reshape(1)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D vector, got an array of shape {arr.shape}")
    if dim is not None and arr.shape[0] != dim:
        raise ValueError(f"{name} must have {dim} components, got {arr.shape[0]}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {arr}")
    return arr


def as_matrix(value: Any, name: str, *, shape: tuple[int | None, int | None] | None = None,
              square: bool = False) -> np.ndarray:
    """Return ``value`` as a finite 2-D float array, or raise naming ``name``.

    Examples
    --------
    >>> as_matrix([[1, 2], [3, 4]], "A", square=True).shape
    (2, 2)
    >>> as_matrix([[1, 2, 3]], "A", square=True)
    Traceback (most recent call last):
    ...
    ValueError: A must be a square matrix, got shape (1, 3)
    """
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a matrix of numbers, got {value!r}") from exc
    if arr.ndim != 2:
        raise ValueError(f"{name} must be a 2-D matrix, got an array of shape {arr.shape}")
    if square and arr.shape[0] != arr.shape[1]:
        raise ValueError(f"{name} must be a square matrix, got shape {arr.shape}")
    if shape is not None:
        for axis, (want, got) in enumerate(zip(shape, arr.shape)):
            if want is not None and want != got:
                raise ValueError(f"{name} must have shape {shape} (None: any), got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {arr}")
    return arr


def check_positive(value: Any, name: str) -> float:
    """Return ``value`` as a float if it is finite and > 0, else raise.

    Examples
    --------
    >>> check_positive(0.5, "step")
    0.5
    >>> check_positive(0, "step")
    Traceback (most recent call last):
    ...
    ValueError: step must be a positive finite number, got 0
    """
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must be a number, got {value!r}") from exc
    if not np.isfinite(number) or number <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")
    return number


def check_choice(value: Any, name: str, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of ``choices``, else raise listing them.

    Examples
    --------
    >>> check_choice("fast", "method", ("central", "forward"))
    Traceback (most recent call last):
    ...
    ValueError: method must be one of 'central', 'forward'; got 'fast'
    """
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")
    return value


def check_count(value: Any, name: str, low: int = 1, high: int | None = None) -> int:
    """Return ``value`` as an int in ``[low, high]``, else raise naming ``name``.

    Floats such as ``1e4`` or ``10.0`` are refused rather than rounded (a
    silent guess), and so is ``bool``, which is an int but never meant as one.

    Examples
    --------
    >>> check_count(3, "maxiter")
    3
    >>> check_count(0, "maxiter")
    Traceback (most recent call last):
    ...
    ValueError: maxiter must be a positive integer, got 0
    >>> check_count(9, "subdivisions", 0, 8)
    Traceback (most recent call last):
    ...
    ValueError: subdivisions must be an integer between 0 and 8, got 9
    """
    if low == 1 and high is None:
        wanted = "a positive integer"
    elif high is None:
        wanted = f"an integer at least {low}"
    else:
        wanted = f"an integer between {low} and {high}"
    if isinstance(value, bool):
        raise TypeError(f"{name} must be {wanted}, got {value!r}")
    try:
        count = operator.index(value)
    except TypeError as exc:
        raise TypeError(f"{name} must be {wanted}, got {value!r}") from exc
    if count < low or (high is not None and count > high):
        raise ValueError(f"{name} must be {wanted}, got {count}")
    return count


def check_interval(value: Any, name: str) -> tuple[float, float]:
    """Return ``value`` as an increasing pair of finite floats ``(low, high)``, else raise naming ``name``.

    Examples
    --------
    >>> check_interval([-1, 2.5], "xlim")
    (-1.0, 2.5)
    >>> check_interval((2, 1), "xlim")
    Traceback (most recent call last):
    ...
    ValueError: xlim must be an increasing pair (low, high), got (2, 1)
    """
    lo, hi = as_vector(value, name, dim=2)
    if not lo < hi:
        raise ValueError(f"{name} must be an increasing pair (low, high), got ({lo:g}, {hi:g})")
    return float(lo), float(hi)
