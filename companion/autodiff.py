"""Automatic differentiation in two small pieces: forward and reverse mode.

A program is a chain of elementary operations (+, -, *, /, **, sin, cos,
exp, log, tanh), each with a known local derivative; the chain rule combines
them. The two modes differ only in the direction they do it.

Forward mode, :class:`Dual`
    A number carries its derivative along a chosen input direction v:
    ``Dual(a, a')``. Every operation updates both, e.g.
    ``(a, a') * (b, b') = (a b, a' b + a b')``. One pass of f on Duals
    seeded with ``x + v eps`` yields ``J v`` (:func:`jvp`); a full Jacobian
    takes n passes, one per input.
Reverse mode, :class:`Tape` and :class:`Var`
    A pass of f on Vars records every operation on a tape (a Wengert list):
    node k keeps its value and, for each argument, the argument's index and
    the local partial derivative. :meth:`Tape.backward` then walks the tape
    once from last to first, handing each node's adjoint (d output / d node)
    to its arguments. Seeded with weights u on the outputs, it yields
    ``u^T J`` (:func:`vjp`); a full Jacobian takes m sweeps, one per output.
    For a loss (m = 1) of many parameters that is the whole gradient in one
    sweep: backpropagation.

:func:`jacobian_forward` and :func:`jacobian_reverse` count their passes and
:func:`count_operations` counts the operations of f, for comparing the costs.
Functions f take a sequence of n numbers (they get a list of Duals or Vars)
and return a number or a sequence of m numbers; they must use this module's
``sin``, ``cos``, ... (on plain floats these return floats, via math).

.. rubric:: Examples

>>> f = lambda p: [p[0] ** 2 * p[1], 5 * p[0] + sin(p[1])]
>>> jvp(f, [1.0, 2.0], [1.0, 0.0])  # first column of J = [[2xy, x^2], [5, cos y]]
array([4., 5.])
>>> vjp(f, [1.0, 2.0], [1.0, 0.0])  # first row
array([4., 1.])
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from companion._checks import as_vector

__all__ = ["Dual", "Tape", "Var", "sin", "cos", "exp", "log", "tanh", "jvp", "vjp",
           "grad", "jacobian_forward", "jacobian_reverse", "count_operations"]

_REAL = (int, float, np.integer, np.floating)


class _Number:
    """Arithmetic shared by Dual and Var, written once: every operation gives
    its value and the local partials with respect to its operands, and the
    subclass's ``_apply`` applies the chain rule forward or records it."""

    __slots__ = ()
    __array_ufunc__ = None  # NumPy scalars and arrays defer to the operators below
    value: float

    def _other(self, other: Any) -> float | None:
        if isinstance(other, type(self)):
            return other.value
        return float(other) if isinstance(other, _REAL) else None

    def __add__(self, other):
        a, b = self.value, self._other(other)
        return NotImplemented if b is None else self._apply(a + b, (self, 1.0), (other, 1.0))

    __radd__ = __add__

    def __sub__(self, other):
        a, b = self.value, self._other(other)
        return NotImplemented if b is None else self._apply(a - b, (self, 1.0), (other, -1.0))

    def __rsub__(self, other):
        a, b = self.value, self._other(other)
        return NotImplemented if b is None else self._apply(b - a, (self, -1.0))

    def __mul__(self, other):
        a, b = self.value, self._other(other)
        return NotImplemented if b is None else self._apply(a * b, (self, b), (other, a))

    __rmul__ = __mul__

    def __truediv__(self, other):
        a, b = self.value, self._other(other)
        if b is None:
            return NotImplemented
        return self._apply(a / b, (self, 1 / b), (other, -a / b**2))

    def __rtruediv__(self, other):
        a, b = self.value, self._other(other)
        return NotImplemented if b is None else self._apply(b / a, (self, -b / a**2))

    def __neg__(self):
        return self._apply(-self.value, (self, -1.0))

    def __pos__(self):
        return self

    def __pow__(self, other):
        a, b = self.value, self._other(other)
        if b is None:
            return NotImplemented
        if isinstance(other, _Number) and a <= 0:  # d/db a^b = a^b log a needs a > 0
            raise ValueError(f"x ** y with y differentiable needs x > 0, got x = {a}")
        if a < 0 and b != int(b):
            raise ValueError(f"x ** y is not real for x = {a} < 0 and y = {b}")
        power = a**b
        partial_a = b * a ** (b - 1) if b != 0 else 0.0
        partial_b = power * math.log(a) if a > 0 else 0.0
        return self._apply(power, (self, partial_a), (other, partial_b))

    def __rpow__(self, other):
        a, b = self.value, self._other(other)
        if b is None:
            return NotImplemented
        if b <= 0:
            raise ValueError(f"x ** y with y differentiable needs x > 0, got x = {b}")
        power = b**a
        return self._apply(power, (self, power * math.log(b)))


@dataclass(frozen=True, slots=True)
class Dual(_Number):
    """A number with its derivative along one direction: forward mode.

    Examples
    --------
    >>> x = Dual(3.0, 1.0)  # d x / d x = 1
    >>> x * x + 2 / x  # d/dx (x^2 + 2/x) = 2x - 2/x^2
    Dual(value=9.666666666666666, derivative=5.777777777777778)
    """

    value: float
    derivative: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.value, _REAL) or not isinstance(self.derivative, _REAL):
            raise TypeError("Dual needs two real numbers, got "
                            f"{self.value!r}, {self.derivative!r}")

    def _apply(self, value: float, *pairs: tuple[Any, float]) -> Dual:
        return Dual(value, sum(p * o.derivative for o, p in pairs if isinstance(o, Dual)))


class Tape:
    """The record of a reverse-mode pass: one entry per node, in order.

    Examples
    --------
    >>> tape = Tape()
    >>> x, y = tape.variable(2.0), tape.variable(5.0)
    >>> z = x * y + sin(x)
    >>> len(tape)  # x, y, x*y, sin(x), the sum
    5
    >>> adjoint = tape.backward([z], [1.0])
    >>> round(float(adjoint[x.index]), 6), float(adjoint[y.index])  # y + cos x, x
    (4.583853, 2.0)
    """

    def __init__(self) -> None:
        self.values: list[float] = []
        self.parents: list[tuple[tuple[int, float], ...]] = []  # (index, local partial)

    def __len__(self) -> int:
        return len(self.values)

    def variable(self, value: float) -> Var:
        """A new input node."""
        return self._record(float(value), ())

    def _record(self, value: float, parents: tuple[tuple[int, float], ...]) -> Var:
        self.values.append(value)
        self.parents.append(parents)
        return Var(value, self, len(self.values) - 1)

    def backward(self, outputs: Sequence[Var], weights: Sequence[float]) -> np.ndarray:
        """Adjoints of all nodes for the scalar ``sum_i weights[i] outputs[i]``."""
        if len(outputs) != len(weights):
            raise ValueError(f"weights must have {len(outputs)} components, got {len(weights)}")
        adjoint = np.zeros(len(self))
        for node, w in zip(outputs, weights):
            if not isinstance(node, Var) or node.tape is not self:
                raise ValueError(f"outputs must be Vars recorded on this tape, got {node!r}")
            adjoint[node.index] += w
        for k in range(len(self) - 1, -1, -1):  # parents come before children
            for parent, partial in self.parents[k]:
                adjoint[parent] += partial * adjoint[k]
        return adjoint


class Var(_Number):
    """A node on a :class:`Tape`: its value and its index; reverse mode.

    Made by :meth:`Tape.variable` (an input) or by an operation on Vars,
    which appends the result to the same tape.
    """

    __slots__ = ("value", "tape", "index")

    def __init__(self, value: float, tape: Tape, index: int) -> None:
        self.value, self.tape, self.index = value, tape, index

    def __repr__(self) -> str:
        return f"Var(value={self.value!r}, index={self.index})"

    def _other(self, other: Any) -> float | None:
        if isinstance(other, Var) and other.tape is not self.tape:
            raise ValueError("cannot combine Vars recorded on different tapes")
        return _Number._other(self, other)

    def _apply(self, value: float, *pairs: tuple[Any, float]) -> Var:
        parents = tuple((o.index, p) for o, p in pairs if isinstance(o, Var))
        return self.tape._record(value, parents)


def _elementary(x: Any, name: str, f: Callable[[float], float],
                df: Callable[[float], float]) -> Any:
    """f(x) for a plain real (a float, via math), or f and its chain rule."""
    if isinstance(x, _Number):
        return x._apply(f(x.value), (x, df(x.value)))
    if isinstance(x, _REAL):
        return f(float(x))
    raise TypeError(f"{name} takes a float, a Dual or a Var, got {x!r}")


def sin(x: Any) -> Any:
    """sin x; derivative cos x.

    >>> sin(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _elementary(x, "sin", math.sin, math.cos)


def cos(x: Any) -> Any:
    """cos x; derivative -sin x.

    >>> cos(0.0)
    1.0
    """
    return _elementary(x, "cos", math.cos, lambda a: -math.sin(a))


def exp(x: Any) -> Any:
    """exp x; derivative exp x.

    >>> exp(Dual(0.0, 2.0))
    Dual(value=1.0, derivative=2.0)
    """
    return _elementary(x, "exp", math.exp, math.exp)


def _log(a: float) -> float:
    if a <= 0:
        raise ValueError(f"log needs a positive number, got {a}")
    return math.log(a)


def log(x: Any) -> Any:
    """Natural logarithm, for x > 0 only (else ValueError); derivative 1 / x.

    >>> log(Dual(2.0, 1.0)).derivative
    0.5
    """
    return _elementary(x, "log", _log, lambda a: 1 / a)


def tanh(x: Any) -> Any:
    """tanh x; derivative 1 - tanh^2 x.

    >>> tanh(Dual(0.0, 1.0))
    Dual(value=0.0, derivative=1.0)
    """
    return _elementary(x, "tanh", math.tanh, lambda a: 1 - math.tanh(a) ** 2)


def _outputs(out: Any, kind: type) -> list:
    """f's result as a list of m numbers of type ``kind`` or plain reals."""
    items = [out] if isinstance(out, (_Number, *_REAL)) else out
    try:
        items = list(items)
    except TypeError:
        raise TypeError(f"f must return a number or a sequence of numbers, got {out!r}") from None
    if not items:
        raise ValueError("f must return at least one number, got an empty sequence")
    for i, item in enumerate(items):
        if not isinstance(item, (kind, *_REAL)):
            raise TypeError(f"f must return numbers, but output {i} is {item!r} "
                            f"({type(item).__name__})")
    return items


def _inputs(x: Any) -> np.ndarray:
    x = as_vector(x, "x")
    if x.size == 0:
        raise ValueError("x must have at least one component, got none")
    return x


def jvp(f: Callable, x: Any, v: Any) -> np.ndarray:
    """J(x) v, forward mode: one pass of f on ``Dual(x_i, v_i)``.

    Parameters
    ----------
    f : callable
        Takes a list of n numbers, returns a number or a sequence of m.
    x, v : sequence of float
        The point and the direction, n finite numbers each.

    Returns
    -------
    numpy.ndarray
        Shape (m,): the derivative of f(x + t v) at t = 0.

    Raises
    ------
    ValueError
        If v does not have n components (the message says n), x is empty,
        or either is not finite.
    TypeError
        If f returns something other than numbers (or Duals).

    Examples
    --------
    >>> jvp(lambda p: [p[0] * cos(p[1]), p[0] * sin(p[1])], [2.0, 0.0], [0.0, 1.0])
    array([0., 2.])
    """
    x = _inputs(x)
    v = as_vector(v, "v", dim=x.size)
    outs = _outputs(f([Dual(float(a), float(b)) for a, b in zip(x, v)]), Dual)
    return np.array([o.derivative if isinstance(o, Dual) else 0.0 for o in outs])


def _record(f: Callable, x: np.ndarray) -> tuple[Tape, list]:
    tape = Tape()
    inputs = [tape.variable(a) for a in x]
    return tape, _outputs(f(inputs), Var)


def _sweep(tape: Tape, outs: list, u: np.ndarray, n: int) -> np.ndarray:
    nodes = [(o, w) for o, w in zip(outs, u) if isinstance(o, Var)]  # constants: no path
    return tape.backward([o for o, _ in nodes], [w for _, w in nodes])[:n]


def vjp(f: Callable, x: Any, u: Any) -> np.ndarray:
    """u^T J(x), reverse mode: one pass of f recording a tape, one sweep back.

    Parameters
    ----------
    f : callable
        Takes a list of n numbers, returns a number or a sequence of m.
    x : sequence of float
        The point, n finite numbers.
    u : sequence of float
        Weights of the outputs, m finite numbers (``[1.0]`` for a gradient).

    Returns
    -------
    numpy.ndarray
        Shape (n,): the gradient of the scalar ``u . f`` at x.

    Raises
    ------
    ValueError
        If u does not have m components (the message says m), x is empty,
        or either is not finite.
    TypeError
        If f returns something other than numbers (or Vars).

    Examples
    --------
    >>> vjp(lambda p: p[0] * p[1], [3.0, 4.0], [1.0])  # the gradient (y, x)
    array([4., 3.])
    """
    x = _inputs(x)
    tape, outs = _record(f, x)
    u = as_vector(u, "u")
    if u.size != len(outs):
        raise ValueError(f"u must have {len(outs)} components (one per output of f), "
                         f"got {u.size}")
    return _sweep(tape, outs, u, x.size)


def grad(f: Callable, x: Any) -> np.ndarray:
    """Gradient of a scalar f: ``vjp(f, x, [1.0])``."""
    return vjp(f, x, [1.0])


def jacobian_forward(f: Callable, x: Any) -> tuple[np.ndarray, int]:
    """The (m, n) Jacobian from n jvps, and the number of passes, n."""
    x = _inputs(x)
    columns = [jvp(f, x, e) for e in np.eye(x.size)]
    return np.column_stack(columns), len(columns)


def jacobian_reverse(f: Callable, x: Any) -> tuple[np.ndarray, int]:
    """The (m, n) Jacobian from one recording and m backward sweeps, and m.

    Examples
    --------
    >>> J, sweeps = jacobian_reverse(lambda p: [p[0] * p[1], p[0] + p[1], p[1]], [2.0, 3.0])
    >>> J.tolist(), sweeps
    ([[3.0, 2.0], [1.0, 1.0], [0.0, 1.0]], 3)
    """
    x = _inputs(x)
    tape, outs = _record(f, x)
    rows = [_sweep(tape, outs, e, x.size) for e in np.eye(len(outs))]
    return np.vstack(rows), len(rows)


def count_operations(f: Callable, x: Any) -> int:
    """Elementary operations in one evaluation of f at x (tape length - n).

    A forward pass costs about this many operations (each also updating its
    derivative), a backward sweep about as many multiply-adds.

    Examples
    --------
    >>> count_operations(lambda p: [p[0] ** 2 * p[1], 5 * p[0] + sin(p[1])], [1.0, 2.0])
    5
    """
    x = _inputs(x)
    return len(_record(f, x)[0]) - x.size
