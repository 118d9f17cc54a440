"""Numerical derivatives of NumPy callables at a point.

The same verbs as :mod:`companion.calculus` (``gradient``, ``jacobian``,
``hessian``, ``laplacian``), plus ``derivative`` for functions of one
variable and the two products that backpropagation is built on, ``jvp``
(J v) and ``vjp`` (u^T J), for a Python function ``f`` evaluated at a point
``x``. Nothing is symbolic here: ``f`` is only ever called at points near
``x`` and the derivative is read off the differences of its values.

.. rubric:: Methods

Every function takes ``method=`` and ``step=``. The step is a base step h
scaled per coordinate by ``max(1, abs(x_j))``: relative to large coordinates
(whose values carry proportionally large rounding errors), absolute near 0.
``step=`` replaces the default base step of the method.

``"richardson"`` (default)
    Central differences at the steps h, 2h, 3h, 4h, extrapolated to h = 0
    (Richardson extrapolation in h^2 cancels the error terms h^2, h^4, h^6):
    the classical 9-point central stencil, error O(h^8). Such a high order
    allows a large step, h = 2^-6 ~ 0.016, so rounding errors are divided by
    a large h too. Second derivatives (second differences and the four-point
    mixed difference) use five levels, h .. 5h with h = 0.04, error O(h^10):
    they divide rounding errors by h^2 and need the larger step. Needs f
    smooth within 4h (5h) of x, scaled.
``"central"``
    One central difference, error O(h^2); h = eps^(1/3) ~ 6e-6 for first
    derivatives, eps^(1/4) ~ 1.2e-4 for second derivatives.
``"forward"``
    One-sided difference, error O(h); h = sqrt(eps) ~ 1.5e-8 for first
    derivatives, eps^(1/3) for second. The cheapest: n + 1 evaluations of f
    for a gradient, f(x) shared by all coordinates.
``"complex"``
    Complex step: f'(x) = Im f(x + ih) / h with h = 1e-20. No difference is
    taken, so nothing cancels and the result is exact to rounding. It needs
    f written with complex-analytic NumPy operations: ``np.abs``,
    ``float()``, ``.real``, comparisons, ``max`` and the like drop or change
    the imaginary part. A function that returns real values for complex
    input, or that casts a complex number to float, is rejected with a
    ValueError; one that mixes ``abs`` into a complex result cannot be
    detected. For ``hessian`` and ``laplacian`` the complex step gives the
    gradient at real points x + t e_j, and a Richardson central difference
    in t (four levels, h = 2^-5) differentiates it once more; ``step=`` sets
    the complex step (at least 1e-150, below which Im f underflows) and
    ``outer_step=`` the real step h of that difference.

Evaluations of f for n inputs: a Jacobian or gradient costs n + 1
(forward), 2n (central), 8n (Richardson) or n (complex); ``jvp`` costs one
direction's worth (2, 2, 8 or 1) whatever n is; a Richardson Hessian costs
1 + 10n + 10n(n - 1), a Laplacian 1 + 10n. A step so small that x + h
rounds to x, or that h^2 underflows, raises ValueError instead of returning
a meaningless number.

.. rubric:: Accuracy

Measured on the book's examples, F1 = (x^2 y, 5x + sin y),
F2 = (u^2 - v^2, 2uv, u + v), polar (r cos t, r sin t), Rosenbrock
(1 - x)^2 + 100 (y - x^2)^2 and g = exp(x) sin(y) + x^3 y, at random points
of [-2, 2]^2, against exact SymPy derivatives. The test suite holds every
method to these bounds, elementwise: ``|num - exact| <= rtol abs(exact) + atol``.

================  ========================  ========================
method            first derivatives         second derivatives
                  (jacobian, gradient,      (hessian, laplacian)
                  derivative, jvp, vjp)
================  ========================  ========================
``"richardson"``  rtol 1e-10, atol 1e-12    rtol 1e-9,  atol 1e-12
``"central"``     rtol 1e-9,  atol 1e-9 S   rtol 1e-6,  atol 1e-6 S
``"forward"``     rtol 1e-6,  atol 1e-6 S   rtol 1e-3,  atol 1e-3 S
``"complex"``     rtol 1e-14, atol 1e-14    rtol 1e-10, atol 1e-12
================  ========================  ========================

Worst errors measured over 900 points per example (relative, on entries
larger than 0.1), first / second derivatives: Richardson 2e-12 / 4e-11
(exact zeros 4e-13); complex step 2e-14 / 6e-13; central 1e-9 / 1e-6
(Rosenbrock 2e-8 / 1e-6); forward 8e-7 / 6e-4 (Rosenbrock 6e-6 / 1e-2).

S is the size of f and of its higher derivatives near x. The one-step
methods leave an error of about h^k abs(f^(k+1)) + eps abs(f) / h, so their floor
scales with it: S = 1 for F1, F2, polar and g, S = 1e3 for Rosenbrock (values
up to ~4e3, f_xxx = 2400 x). The floors of the other two:

- Richardson, second derivatives: an entry whose exact value is 0 (the mixed
  partial of u^2 - v^2, the Laplacian of a harmonic function) comes out as
  the rounding error of f divided by h^2, at most ~1e-13 abs(f): below 1e-12
  for abs(f) up to ~10, as in the examples, ~1e-10 for values of size 1e3.
- Complex step: the derivative is computed by f's own arithmetic, so an
  entry that is a small difference of larger terms inside f (Rosenbrock's
  200 (y - x^2) near the valley y = x^2; J v with cancelling terms) carries
  their rounding error, a few 1e-16 times their size, exactly as the exact
  formula evaluated in floating point would.

Where the bounds hold. They are measured, not proved, and they hold for
functions like the examples: of moderate size, and smooth on a scale much
larger than the stencil, that is, the Taylor series of f along each scaled
coordinate converges well beyond the stencil's reach (4h or 5h, up to 0.2 in
scaled units). Polynomials, exp and sin, whose series converge everywhere,
are of this kind. Every finite difference gets worse as abs(f) / h and
the higher derivatives of f grow, and the high-order defaults ("richardson",
and the outer difference of "complex") feel the high derivatives most: their
error is h^8 or h^10 times derivatives of order 10 or 12. A function with a
complex singularity near the real point breaks the bounds. For
tanh(x0 x1 - x2), whose poles (x0 x1 - x2 = +-i pi/2) lie only
pi / (2 abs(x1)) ~ 0.8 away along x0 when abs(x1) ~ 2, the worst Hessian
error over 300 random points of [-2, 2]^3 (uniform, seed 0) was 4e3 times the table's second-
derivative bound with the default method and 6e2 times it with "complex",
while "central" and "forward" stayed within theirs (their low order makes
them insensitive to high derivatives). Smaller steps restore the bound: there,
``step=0.01`` (Richardson) brings the worst case to 1.8 times the bound and
``outer_step=2**-7`` (complex) to 1e-2 times it.

.. rubric:: Examples

>>> import numpy as np
>>> from companion.numeric import jacobian
>>> F = lambda p: np.array([p[0] ** 2 * p[1], 5 * p[0] + np.sin(p[1])])
>>> np.round(jacobian(F, [1.0, 2.0]), 8)  # exact: [[2xy, x^2], [5, cos y]]
array([[ 4.        ,  1.        ],
       [ 5.        , -0.41614684]])
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NamedTuple

import numpy as np

from ._checks import as_vector, check_choice, check_positive

__all__ = [
    "METHODS",
    "circle_curvature",
    "derivative",
    "gradient",
    "hessian",
    "jacobian",
    "jvp",
    "laplacian",
    "vjp",
]

METHODS = ("richardson", "central", "forward", "complex")

_EPS = float(np.finfo(float).eps)

# Default base steps (before scaling by max(1, |x_j|)), per method:
# (first derivatives, second derivatives). Each balances truncation error
# against rounding error eps |f| / h^order; the Richardson ones were chosen
# by measuring the error over a range of steps on the book's examples.
_DEFAULT_STEPS = {
    "forward": (_EPS ** (1 / 2), _EPS ** (1 / 3)),
    "central": (_EPS ** (1 / 3), _EPS ** (1 / 4)),
    "richardson": (2.0 ** -6, 0.04),
    "complex": (1e-20, 1e-20),
}


def _extrapolation_weights(levels: int) -> np.ndarray:
    """Weights w_k with sum_k w_k D(k h) = D(0) for D a polynomial in h^2.

    Lagrange interpolation in t = h^2 through the nodes t_k = k^2 (k = 1..
    levels), evaluated at t = 0, in exact rationals so that the weights are
    correct to the last bit (four levels: 8/5, -4/5, 8/35, -1/35).
    """
    nodes = [Fraction(k * k) for k in range(1, levels + 1)]
    weights = []
    for k, tk in enumerate(nodes):
        w = Fraction(1)
        for j, tj in enumerate(nodes):
            if j != k:
                w *= -tj / (tk - tj)
        weights.append(float(w))
    return np.array(weights)


class _Stencil(NamedTuple):
    """Central differences at the steps k h (k = 1..levels), extrapolated.

    With values f(x + s h e) at the signed multiples s = (k..., -k...):
    ``first @ values / h`` is f'(x), ``second @ (values - f(x)) / h^2`` is
    f''(x), and ``mixed @ M / (h_i h_j)`` is f_ij, M being the four-point
    difference f(++) - f(+-) - f(-+) + f(--) at the steps k h_i, k h_j.
    """

    multiples: np.ndarray
    signed: np.ndarray
    first: np.ndarray
    second: np.ndarray
    mixed: np.ndarray


def _stencil(levels: int) -> _Stencil:
    k = np.arange(1, levels + 1, dtype=float)
    w = _extrapolation_weights(levels)
    return _Stencil(
        multiples=k,
        signed=np.concatenate([k, -k]),
        first=np.concatenate([w / (2 * k), -w / (2 * k)]),
        second=np.concatenate([w / k ** 2, w / k ** 2]),
        mixed=w / (4 * k ** 2),
    )


# Built once at import. A central difference is one level, no extrapolation.
# Second differences divide rounding errors by h^2 rather than h, so they
# need a larger step, and one more level keeps the truncation error (h^10)
# below the rounding error at that step.
_FIRST = {"central": _stencil(1), "richardson": _stencil(4)}
_SECOND = {"central": _stencil(1), "richardson": _stencil(5)}
# Second derivatives by complex step: a Richardson central difference with
# real steps of the complex-step gradient (the gradient is exact to rounding,
# so a smaller real step than for _SECOND suffices).
_COMPLEX_OUTER = _stencil(4)
_COMPLEX_OUTER_STEP = 2.0 ** -5
# Below this, h f'(x) (the imaginary part of f) approaches the subnormal range.
_SMALLEST_COMPLEX_STEP = 1e-150


def _base_step(method: str, step: float | None, order: int) -> float:
    if step is None:
        return _DEFAULT_STEPS[method][order - 1]
    step = check_positive(step, "step")
    if method == "complex" and step < _SMALLEST_COMPLEX_STEP:
        raise ValueError(
            f"step must be at least {_SMALLEST_COMPLEX_STEP:g} for the complex "
            f"step, got {step!r}: Im f(x + ih) ~ h f'(x) would underflow and "
            "lose digits"
        )
    return step


def _steps(x: np.ndarray, base: float) -> np.ndarray:
    # Relative steps for large coordinates (the rounding error of f grows
    # with them), absolute near 0 where a relative step would vanish.
    return base * np.maximum(1.0, np.abs(x))


def _evaluate(f: Callable[..., Any], points: np.ndarray, complex_step: bool,
              what: str) -> tuple[np.ndarray, int]:
    """Call f at each row of ``points``; return the outputs as (K, m) and ndim.

    Checks that every output is a scalar or a 1-D array of one common shape,
    finite, and (for the complex step) complex.
    """
    if not complex_step:
        outputs = [f(p) for p in points]
    else:
        # Casting a complex number to float only warns in NumPy and returns
        # the real part: make that an error, it is a wrong derivative.
        with warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            try:
                outputs = [f(p) for p in points]
            except (TypeError, np.exceptions.ComplexWarning) as exc:
                raise ValueError(
                    "method='complex' calls f with complex numbers and needs "
                    "complex-analytic code, but f could not take one "
                    f"({type(exc).__name__}: {exc}); avoid float(), math.*, "
                    "np.abs and comparisons, or use method='richardson'"
                ) from exc
    if complex_step and not all(np.iscomplexobj(out) for out in outputs):
        raise ValueError(
            "method='complex' needs complex-analytic code, but f returned a "
            "real value for a complex argument: it dropped the imaginary part "
            "(np.abs, float(), .real, a real-only operation?), so the complex "
            "step would silently give 0; use method='richardson' instead"
        )
    try:
        values = np.asarray(outputs)
    except ValueError as exc:
        raise ValueError(
            f"f must return outputs of the same shape at every point ({exc})"
        ) from exc
    if values.ndim > 2:
        raise ValueError(
            f"{what} expected a scalar or 1-D output from f, got an array of "
            f"shape {values.shape[1:]}"
        )
    if values.dtype.kind not in "fc":
        try:
            values = values.astype(float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"f must return numbers, got {outputs[0]!r}"
            ) from exc
    elif values.dtype.kind == "c" and not complex_step:
        if (values.imag != 0).any():
            raise ValueError("f returned complex values for a real argument")
        values = values.real
    finite = np.isfinite(values)
    if not finite.all():
        row = int(np.argmin(finite.reshape(len(points), -1).all(axis=1)))
        point = points[row].real if complex_step else points[row]
        raise ValueError(f"f returned a non-finite value at x = {point}")
    ndim = values.ndim - 1
    return values.reshape(len(points), -1), ndim


def _check_moves(x: np.ndarray, moves: np.ndarray) -> None:
    """Raise if a step is too small to move x at all (x + h rounds to x)."""
    if (x + moves == x).all(axis=1).any():
        raise ValueError(
            "step is too small for x: x + h rounds to x (h is below the "
            "spacing of floats near x), so f is not sampled anywhere else; "
            "use a larger step"
        )


def _combine(stencil: _Stencil, values: np.ndarray) -> np.ndarray:
    """sum_k first_k (f(x + k h) - f(x - k h)) over the leading axis of values.

    Every level of the extrapolation in one matmul (far cheaper than
    np.tensordot at these sizes). The differences are taken first, so that
    equal values cancel exactly.
    """
    levels = len(stencil.multiples)
    flat = values.reshape(2 * levels, -1)
    return stencil.first[:levels] @ (flat[:levels] - flat[levels:])


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    # A tiny step can make h^2 or h_i h_j underflow to 0, or the quotient
    # overflow: the result is then checked by _finite, which says why,
    # instead of NumPy warning about a division.
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        return numerator / denominator


def _finite(result: np.ndarray) -> np.ndarray:
    """Return ``result`` if finite: with finite values of f, only a step so
    small that it underflows (h or h_i h_j rounding to 0) can make it not."""
    if not np.isfinite(result).all():
        raise ValueError(
            "the derivative is not finite although f was: step is too small "
            "(it underflows); use a larger step"
        )
    return result


def _scalar_values(values: np.ndarray, what: str) -> np.ndarray:
    """Check that f is scalar-valued (one output); return the values as (K,)."""
    if values.shape[1] != 1:
        raise ValueError(
            f"{what} needs a scalar-valued f, but f returned {values.shape[1]} "
            "values; use jacobian for a vector-valued f"
        )
    return values[:, 0]


def _directional(f: Callable[..., Any], x: np.ndarray, directions: np.ndarray,
                 steps: np.ndarray, method: str, what: str
                 ) -> tuple[np.ndarray, int]:
    """Derivatives of f at x along each row of ``directions``, as (d, m).

    Row r is (d/dt) f(x + t directions[r]) at t = 0, from steps of size
    ``steps[r]`` in t. All points are evaluated in one pass.
    """
    d, n = directions.shape
    moves = directions * steps[:, None]
    if method == "complex":
        values, ndim = _evaluate(f, x + 1j * moves, True, what)
        return _finite(_divide(values.imag, steps[:, None])), ndim
    _check_moves(x, moves)
    if method == "forward":
        points = np.concatenate([x[None, :], x + moves])
        values, ndim = _evaluate(f, points, False, what)
        return _finite(_divide(values[1:] - values[0], steps[:, None])), ndim
    stencil = _FIRST[method]
    points = x + stencil.signed[:, None, None] * moves[None, :, :]
    values, ndim = _evaluate(f, points.reshape(-1, n), False, what)
    return _finite(_divide(_combine(stencil, values).reshape(d, -1), steps[:, None])), ndim


def _prepare(x: Any, method: str) -> np.ndarray:
    check_choice(method, "method", METHODS)
    return as_vector(x, "x")


def jacobian(f: Callable[[np.ndarray], Any], x: Any, *,
             method: str = "richardson", step: float | None = None) -> np.ndarray:
    """Jacobian matrix of f at x, one row per output: J[i, j] = d f_i / d x_j.

    Parameters
    ----------
    f : callable
        Maps an (n,) array to an (m,) array-like, or to a scalar (m = 1).
    x : float or sequence of float
        The point, n coordinates.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring for accuracy and cost.
    step : float, optional
        Base step h (scaled by max(1, abs(x_j)) per coordinate); the method's
        default if omitted.

    Returns
    -------
    numpy.ndarray
        Shape (m, n).

    Raises
    ------
    ValueError
        If ``method`` is unknown, ``x`` is not finite, ``step`` is not a
        positive finite number, f returns a non-finite value or an array of
        more than one dimension, or (complex step) f returns a real value.

    Examples
    --------
    >>> import numpy as np
    >>> polar = lambda p: np.array([p[0] * np.cos(p[1]), p[0] * np.sin(p[1])])
    >>> J = jacobian(polar, [2.0, np.pi / 6])
    >>> np.round(J, 6)
    array([[ 0.866025, -1.      ],
           [ 0.5     ,  1.732051]])
    >>> bool(np.isclose(np.linalg.det(J), 2.0, rtol=1e-10))  # det = r
    True
    >>> np.round(jacobian(polar, [2.0, np.pi / 6], method="complex"), 6)
    array([[ 0.866025, -1.      ],
           [ 0.5     ,  1.732051]])
    """
    x = _prepare(x, method)
    steps = _steps(x, _base_step(method, step, 1))
    columns, _ = _directional(f, x, np.eye(x.size), steps, method, "jacobian")
    return columns.T.copy()


def gradient(f: Callable[[np.ndarray], Any], x: Any, *,
             method: str = "richardson", step: float | None = None) -> np.ndarray:
    """Gradient of a scalar function f at x.

    Parameters
    ----------
    f : callable
        Maps an (n,) array to a scalar.
    x : float or sequence of float
        The point, n coordinates.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step : float, optional
        Base step h (scaled by max(1, abs(x_j))); the method's default if omitted.

    Returns
    -------
    numpy.ndarray
        Shape (n,).

    Raises
    ------
    ValueError
        As :func:`jacobian`, and if f returns more than one value.

    Examples
    --------
    >>> import numpy as np
    >>> rosenbrock = lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    >>> np.round(gradient(rosenbrock, [1.0, 1.0]), 8)  # the minimum
    array([0., 0.])
    >>> np.round(gradient(rosenbrock, [0.0, 0.0]), 8)  # exact: (-2, 0)
    array([-2.,  0.])
    """
    x = _prepare(x, method)
    steps = _steps(x, _base_step(method, step, 1))
    columns, _ = _directional(f, x, np.eye(x.size), steps, method, "gradient")
    return _scalar_values(columns, "gradient").copy()


def derivative(f: Callable[[float], Any], x: Any, *,
               method: str = "richardson", step: float | None = None
               ) -> float | np.ndarray:
    """Derivative f'(x) of a function of one variable.

    Parameters
    ----------
    f : callable
        Maps a float to a float, or to a 1-D array (a curve).
    x : float
        The point.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step : float, optional
        Base step h (scaled by max(1, abs(x))); the method's default if omitted.

    Returns
    -------
    float or numpy.ndarray
        f'(x); an array of the same shape as f's output if f is vector-valued.

    Raises
    ------
    ValueError
        As :func:`jacobian`, and if x is not a single number.

    Examples
    --------
    >>> import numpy as np
    >>> print(f"{derivative(np.sin, 0.5):.12f}  {np.cos(0.5):.12f}")
    0.877582561890  0.877582561890
    >>> for method in METHODS:  # is abs(error) below 1e-15, 1e-12, 1e-9, 1e-6?
    ...     error = abs(derivative(np.exp, 1.0, method=method) - np.e)
    ...     print(f"{method:10s}", *(error < tol for tol in (1e-15, 1e-12, 1e-9, 1e-6)))
    richardson False True True True
    central    False False True True
    forward    False False False True
    complex    True True True True
    >>> helix = lambda t: np.array([np.cos(t), np.sin(t), t])
    >>> np.round(derivative(helix, 0.0), 8)
    array([0., 1., 1.])
    """
    check_choice(method, "method", METHODS)
    x = as_vector(x, "x", dim=1)
    steps = _steps(x, _base_step(method, step, 1))
    # f gets a Python float (complex for the complex step), as it expects.
    columns, ndim = _directional(lambda p: f(p[0].item()), x, np.eye(1), steps,
                                 method, "derivative")
    if ndim == 0:
        return float(columns[0, 0])
    return columns[0].copy()


def jvp(f: Callable[[np.ndarray], Any], x: Any, v: Any, *,
        method: str = "richardson", step: float | None = None) -> np.ndarray:
    """Jacobian-vector product J(x) v, as one directional derivative.

    d/dt f(x + t v) at t = 0: the cost of one column of the Jacobian, however
    many inputs f has (forward mode).

    Parameters
    ----------
    f : callable
        Maps an (n,) array to an (m,) array-like or a scalar.
    x : float or sequence of float
        The point, n coordinates.
    v : sequence of float
        The direction, n components.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step : float, optional
        Base step h in the scaled coordinates: the coordinate of v that is
        largest relative to max(1, abs(x_j)) moves by h max(1, abs(x_j)).

    Returns
    -------
    numpy.ndarray
        Shape (m,) (shape (1,) for a scalar f).

    Raises
    ------
    ValueError
        As :func:`jacobian`, and if v does not have n finite components.

    Examples
    --------
    >>> import numpy as np
    >>> F = lambda p: np.array([p[0] ** 2 - p[1] ** 2, 2 * p[0] * p[1], p[0] + p[1]])
    >>> x, v = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    >>> np.round(jvp(F, x, v), 8)
    array([ 5. , -1. , -0.5])
    >>> bool(np.allclose(jvp(F, x, v), jacobian(F, x) @ v, rtol=1e-10))
    True
    """
    x = _prepare(x, method)
    v = as_vector(v, "v", dim=x.size)
    base = _base_step(method, step, 1)
    scaled = np.max(np.abs(v) / np.maximum(1.0, np.abs(x)))
    if scaled == 0:
        values, _ = _evaluate(f, x[None, :], False, "jvp")
        return np.zeros(values.shape[1])
    # J v is linear in v: differentiate along v / scaled (size ~1, so the
    # step stays ~base) and scale back; dividing base by a tiny `scaled`
    # would overflow for very short v.
    column, _ = _directional(f, x, (v / scaled)[None, :], np.array([base]),
                             method, "jvp")
    return column[0] * scaled


def vjp(f: Callable[[np.ndarray], Any], x: Any, u: Any, *,
        method: str = "richardson", step: float | None = None) -> np.ndarray:
    """Vector-Jacobian product u^T J(x): the gradient of the scalar u^T f.

    Parameters
    ----------
    f : callable
        Maps an (n,) array to an (m,) array-like or a scalar.
    x : float or sequence of float
        The point, n coordinates.
    u : sequence of float
        Weights of the outputs, m components.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step : float, optional
        Base step h (scaled by max(1, abs(x_j))); the method's default if omitted.

    Returns
    -------
    numpy.ndarray
        Shape (n,).

    Raises
    ------
    ValueError
        As :func:`jacobian`, and if u does not have one finite component per
        output of f.

    Examples
    --------
    >>> import numpy as np
    >>> F = lambda p: np.array([p[0] ** 2 - p[1] ** 2, 2 * p[0] * p[1], p[0] + p[1]])
    >>> x, u = np.array([1.0, 2.0]), np.array([1.0, 0.0, -1.0])
    >>> np.round(vjp(F, x, u), 8)
    array([ 1., -5.])
    >>> bool(np.allclose(vjp(F, x, u), u @ jacobian(F, x), rtol=1e-10))
    True
    """
    x = _prepare(x, method)
    u = as_vector(u, "u")
    steps = _steps(x, _base_step(method, step, 1))
    # The n perturbations of x give the derivatives of every output; weighting
    # them by u is differentiating the scalar u^T f (differences are linear).
    columns, _ = _directional(f, x, np.eye(x.size), steps, method, "vjp")
    if columns.shape[1] != u.size:
        raise ValueError(
            f"u must have {columns.shape[1]} components (one per output of f), "
            f"got {u.size}"
        )
    return columns @ u


def _second_derivatives(f: Callable[..., Any], x: np.ndarray, method: str,
                        step: float | None, what: str, mixed: bool,
                        outer_step: float | None = None) -> np.ndarray:
    """Hessian (``mixed=True``) or its diagonal (``mixed=False``) of f at x."""
    if method == "complex":
        outer = (_COMPLEX_OUTER_STEP if outer_step is None
                 else check_positive(outer_step, "outer_step"))
        return _finite(_complex_second(f, x, _base_step(method, step, 2), outer,
                                       what, mixed))
    if outer_step is not None:
        raise ValueError(
            f"outer_step applies only to method='complex' (the real step that "
            f"differentiates the complex-step gradient), got method={method!r}; "
            "use step= for the other methods"
        )
    steps = _steps(x, _base_step(method, step, 2))
    _check_moves(x, np.diag(steps))
    if method == "forward":
        return _finite(_forward_second(f, x, steps, what, mixed))
    return _finite(_central_second(f, x, steps, _SECOND[method], what, mixed))


def _central_second(f: Callable[..., Any], x: np.ndarray, steps: np.ndarray,
                    stencil: _Stencil, what: str, mixed: bool) -> np.ndarray:
    n = x.size
    levels = len(stencil.multiples)
    moves = np.eye(n) * steps[:, None]
    axis_points = x + stencil.signed[:, None, None] * moves[None]
    pairs_i, pairs_j = np.triu_indices(n, 1) if mixed else (np.array([], int),) * 2
    # The four corners (+-h_i, +-h_j) of every pair i < j, at every multiple.
    corners = np.array([[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]])
    offsets = corners[:, :1, None] * moves[pairs_i] + corners[:, 1:, None] * moves[pairs_j]
    corner_points = x + stencil.multiples[:, None, None, None] * offsets[None]
    points = np.concatenate([x[None, :], axis_points.reshape(-1, n),
                             corner_points.reshape(-1, n)])
    values = _scalar_values(_evaluate(f, points, False, what)[0], what)
    # Subtract f(x) first: differences of nearby values lose nothing, and
    # the weighted sum then adds numbers of the size of the differences.
    f0 = values[0]
    along_axes = (values[1:1 + 2 * levels * n] - f0).reshape(2 * levels, n)
    diagonal = _divide(stencil.second @ along_axes, steps * steps)
    if not mixed:
        return diagonal
    hess = np.diag(diagonal)
    if len(pairs_i):
        at = values[1 + 2 * levels * n:].reshape(levels, 4, len(pairs_i))
        differences = (at[:, 0] - at[:, 1]) - (at[:, 2] - at[:, 3])
        entries = _divide(stencil.mixed @ differences, steps[pairs_i] * steps[pairs_j])
        # The mixed difference is symmetric in i and j: one estimate for both.
        hess[pairs_i, pairs_j] = entries
        hess[pairs_j, pairs_i] = entries
    return hess


def _forward_second(f: Callable[..., Any], x: np.ndarray, steps: np.ndarray,
                    what: str, mixed: bool) -> np.ndarray:
    # f(x), f(x + h_i e_i) and f(x + h_i e_i + h_j e_j) for i <= j (only
    # i = j for the diagonal): (f_ij - f_i - f_j + f_0) / (h_i h_j).
    n = x.size
    rows, cols = np.triu_indices(n) if mixed else (np.arange(n),) * 2
    moves = np.eye(n) * steps[:, None]
    points = np.concatenate([x[None, :], x + moves, x + moves[rows] + moves[cols]])
    values = _scalar_values(_evaluate(f, points, False, what)[0], what)
    f0, single, double = values[0], values[1:n + 1], values[n + 1:]
    entries = _divide(double - single[rows] - single[cols] + f0, steps[rows] * steps[cols])
    if not mixed:
        return entries
    hess = np.zeros((n, n))
    hess[rows, cols] = entries
    hess[cols, rows] = entries
    return hess


def _complex_second(f: Callable[..., Any], x: np.ndarray, imag_step: float,
                    outer_step: float, what: str, mixed: bool) -> np.ndarray:
    # The complex step gives the gradient at the real points x + t e_j
    # without cancellation; a Richardson central difference in t
    # differentiates it once more.
    n = x.size
    eye = np.eye(n)
    imag_steps = _steps(x, imag_step)
    real_steps = _steps(x, outer_step)
    _check_moves(x, np.diag(real_steps))
    stencil = _COMPLEX_OUTER
    real = stencil.signed[:, None, None] * (eye * real_steps[:, None])[None]
    imag = 1j * eye * imag_steps[:, None]
    if mixed:
        # points[k, j, i] = x + s_k h_j e_j + i eta_i e_i: d/dx_j of f_i.
        points = x + real[:, :, None, :] + imag[None, None, :, :]
    else:
        # points[k, j] = x + (s_k h_j + i eta_j) e_j: d/dx_j of f_j.
        points = x + real + imag[None]
    values = _scalar_values(_evaluate(f, points.reshape(-1, n), True, what)[0], what)
    grads = values.reshape(points.shape[:-1]).imag / imag_steps
    second = _combine(stencil, grads)
    if not mixed:
        return second / real_steps
    second = second.reshape(n, n) / real_steps[:, None]
    # d/dx_j f_i and d/dx_i f_j are two estimates of one number: average.
    return (second + second.T) / 2


def hessian(f: Callable[[np.ndarray], Any], x: Any, *,
            method: str = "richardson", step: float | None = None,
            outer_step: float | None = None) -> np.ndarray:
    """Hessian matrix of a scalar function f at x (symmetric).

    Diagonal entries come from second differences along each axis, the others
    from the four-point mixed difference, both extrapolated for
    ``"richardson"``; ``"complex"`` differentiates the complex-step gradient
    once more with a Richardson central difference and symmetrizes.

    Parameters
    ----------
    f : callable
        Maps an (n,) array to a scalar.
    x : float or sequence of float
        The point, n coordinates.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step : float, optional
        Base step h (scaled by max(1, abs(x_j))); for ``"complex"`` the complex
        step. The method's default if omitted.
    outer_step : float, optional
        ``"complex"`` only: the base real step of the Richardson difference
        that differentiates the complex-step gradient (scaled like ``step``;
        default 2^-5). Make it smaller for f whose high derivatives are large
        (see Accuracy in the module docstring).

    Returns
    -------
    numpy.ndarray
        Shape (n, n), symmetric.

    Raises
    ------
    ValueError
        As :func:`jacobian`, if f returns more than one value, and if
        ``outer_step`` is given with a method other than ``"complex"``.

    Examples
    --------
    >>> import numpy as np
    >>> rosenbrock = lambda p: (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2
    >>> H = hessian(rosenbrock, [1.0, 1.0])
    >>> np.round(H, 6)  # exact: [[802, -400], [-400, 200]]
    array([[ 802., -400.],
           [-400.,  200.]])
    >>> bool(np.all(np.linalg.eigvalsh(H) > 0))  # a strict minimum
    True
    """
    x = _prepare(x, method)
    return _second_derivatives(f, x, method, step, "hessian", mixed=True,
                               outer_step=outer_step)


def laplacian(f: Callable[[np.ndarray], Any], x: Any, *,
              method: str = "richardson", step: float | None = None,
              outer_step: float | None = None) -> float:
    """Laplacian of a scalar function f at x: the trace of its Hessian.

    Only the unmixed second differences along each axis are evaluated (2 n
    points per level, not the n^2 of the full Hessian).

    Parameters
    ----------
    f : callable
        Maps an (n,) array to a scalar.
    x : float or sequence of float
        The point, n coordinates.
    method : {"richardson", "central", "forward", "complex"}
        Difference scheme; see the module docstring.
    step, outer_step : float, optional
        As for :func:`hessian`.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        As :func:`hessian`.

    Examples
    --------
    >>> import numpy as np
    >>> harmonic = lambda p: np.exp(p[0]) * np.sin(p[1])
    >>> abs(laplacian(harmonic, [0.5, 1.0])) < 1e-9
    True
    >>> round(laplacian(lambda p: p @ p, [1.0, 2.0, 3.0]), 8)  # 2 n
    6.0
    """
    x = _prepare(x, method)
    return float(np.sum(_second_derivatives(f, x, method, step, "laplacian",
                                            mixed=False, outer_step=outer_step)))


def circle_curvature(a: Any, b: Any, c: Any) -> np.ndarray:
    """Signed curvature of the circle through three points of a plane curve.

    The circle through ``a``, ``b``, ``c`` has radius ``|ab| |bc| |ca| /
    (4 area)``; its reciprocal, signed ``+`` when the points turn
    counterclockwise (for a graph ``(t, g(t))`` traced left to right: when it
    bends upwards), approximates the curve's curvature at ``b``. For the
    points at ``t - h, t, t + h`` of a smooth graph the error is of order
    ``h**2``, and rounding grows like ``eps |g| / h**2``: ``h`` near ``1e-4``
    to ``1e-6`` suits curvatures of order one to a thousand.

    Parameters
    ----------
    a, b, c : array_like
        Points of shape ``(2,)``, or ``(n, 2)`` for ``n`` triples at once.

    Returns
    -------
    numpy.ndarray
        The signed curvatures, shape ``()`` or ``(n,)``; zero for collinear
        points.

    Raises
    ------
    ValueError
        If the shapes differ or are not ``(2,)`` / ``(n, 2)``, a value is not
        finite, or two of the points coincide.

    Examples
    --------
    Three points of the unit circle, counterclockwise, and of the parabola
    ``y = x**2`` (curvature 2 at its vertex):

    >>> float(circle_curvature([1, 0], [0, 1], [-1, 0]))
    1.0
    >>> h = 1e-4
    >>> round(float(circle_curvature([-h, h**2], [0, 0], [h, h**2])), 6)
    2.0
    """
    points = [np.asarray(p, dtype=float) for p in (a, b, c)]
    shape = points[0].shape
    if any(p.shape != shape for p in points) or shape[-1:] != (2,) or len(shape) > 2:
        raise ValueError("a, b and c must be points of shape (2,) or (n, 2), all alike, got shapes "
                         f"{[p.shape for p in points]}")
    if not all(np.all(np.isfinite(p)) for p in points):
        raise ValueError("a, b and c must be finite")
    a, b, c = points
    ab, bc, ca = (np.linalg.norm(q - p, axis=-1) for p, q in ((a, b), (b, c), (c, a)))
    if np.any(ab * bc * ca == 0):
        raise ValueError("a, b and c must be three distinct points")
    cross = (b - a)[..., 0] * (c - a)[..., 1] - (b - a)[..., 1] * (c - a)[..., 0]
    return 2.0 * cross / (ab * bc * ca)  # 4 * (signed area = cross / 2) / sides
