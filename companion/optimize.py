"""Critical points and the iterative methods that find them.

The chapters on the gradient, the Hessian and Newton's method use four
functions:

* :func:`classify_critical_point` reads the signs of a Hessian's eigenvalues:
  ``"minimum"``, ``"maximum"``, ``"saddle"`` or ``"degenerate"``.
* :func:`gradient_descent` takes fixed steps against the gradient.
* :func:`newton_minimize` takes Newton steps ``H s = -grad f``.
* :func:`newton_system` solves ``F(x) = 0`` by Newton-Raphson, ``J s = -F``.

The three solvers share one result, :class:`OptimizeResult`, holding every
iterate (``.history``) so that a page can draw the path and tabulate the
errors. Conventions shared by the solvers:

* ``|v|`` is the Euclidean norm throughout.
* The callables receive the iterate as a 1-D float array of length
  ``n = len(x0)``. A vector output may have shape ``(n,)`` or ``(n, 1)`` (what
  ``sympy.lambdify`` makes of a column ``Matrix``); a matrix output has shape
  ``(n, n)``.
* A run that runs away is *reported*, not raised: it ends with
  ``converged=False`` and a reason starting with ``"diverged:"`` as soon as an
  iterate leaves the ball ``|x| <= DIVERGENCE_BOUND`` or a derivative comes
  back non-finite. Floating-point warnings are silenced during the run (the
  reason says what happened), so no ``RuntimeWarning`` reaches the page.
* A Newton step that cannot be taken raises ``ValueError``: ``"singular"`` when
  the matrix is numerically rank-deficient, ``"not positive definite"`` when
  a Hessian given to :func:`newton_minimize` has a negative eigenvalue, so
  that the quadratic model has no minimum.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple

import numpy as np

from companion._checks import as_matrix, as_vector, check_count, check_positive

__all__ = [
    "DIVERGENCE_BOUND",
    "OptimizeResult",
    "classify_critical_point",
    "gradient_descent",
    "newton_minimize",
    "newton_system",
]

#: An iterate with ``|x|`` above this is declared diverged. It is far beyond
#: any problem in the book, yet small enough that the iterate's entries can be
#: raised to the sixth power without overflowing a float.
DIVERGENCE_BOUND = 1e50

_EPS = np.finfo(float).eps
# Hessians from finite differences are symmetric only up to rounding; an
# asymmetry larger than this (relative) is a bug in ``hess``, not noise.
_SYMMETRY_RTOL = 1e-6

VectorFunction = Callable[[np.ndarray], Any]


@dataclass(frozen=True, eq=False)
class OptimizeResult:
    """The outcome of :func:`gradient_descent`, :func:`newton_minimize` or
    :func:`newton_system`.

    The arrays are read-only (copy them before changing them), so a result
    cannot be altered after the fact.

    Attributes
    ----------
    x : numpy.ndarray
        The final iterate, shape ``(n,)`` (the last row of ``history``).
    converged : bool
        True if a stopping test was met; ``reason`` says which.
    iterations : int
        Number of steps taken; ``len(history) == iterations + 1``.
    history : numpy.ndarray
        All iterates, ``x0`` first, shape ``(iterations + 1, n)``. Only finite
        iterates are stored.
    reason : str
        Why the run stopped: ``"converged: |grad f(x)| < tol"``,
        ``"converged: |F(x)| < tol"``,
        ``"converged: |step| < tol * (1 + |x|)"``, ``"maxiter reached"``, or
        ``"diverged: ..."`` with the iteration, e.g.
        ``"diverged: |x| exceeded 1e+50 at iteration 314"``.
    residual : float
        ``|grad f(x)|`` (descent, Newton minimisation) or ``|F(x)|``
        (Newton-Raphson) at ``x``; ``inf`` when the run diverged.
    """

    x: np.ndarray
    converged: bool
    iterations: int
    history: np.ndarray = field(repr=False)
    reason: str
    residual: float


# --------------------------------------------------------------------------
# Private helpers: argument checks and guarded evaluation of the callables.

def _check_callable(func: Any, name: str) -> None:
    if not callable(func):
        raise TypeError(f"{name} must be callable, got {func!r}")



def _start(x0: Any) -> np.ndarray:
    x = as_vector(x0, "x0")
    if x.size == 0:
        raise ValueError("x0 must have at least one component, got an empty vector")
    return x


_OVERFLOW = object()


def _call(func: VectorFunction, x: np.ndarray) -> Any:
    # Python's math module raises OverflowError where NumPy returns inf; both
    # mean the same here, so _as_output turns the marker into infinities.
    try:
        return func(x)
    except OverflowError:
        return _OVERFLOW


def _as_output(value: Any, name: str, expected: tuple[int, ...]) -> np.ndarray:
    """``value`` as a float array of shape ``expected`` (may be non-finite)."""
    if value is _OVERFLOW:
        return np.full(expected, np.inf)
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{name} must return an array of numbers, got {value!r}") from exc
    if arr.shape == expected:  # the common case, kept fast for long descents
        return arr
    n = expected[0]
    if len(expected) == 1:
        accepted = {(n,), (n, 1)} | ({()} if n == 1 else set())
    else:
        accepted = {(n, n)} | ({(), (1,)} if n == 1 else set())
    if arr.shape not in accepted:
        raise ValueError(
            f"{name} must return an array of shape {expected} (n = len(x0) = {n}), "
            f"got shape {arr.shape}"
        )
    return arr.reshape(expected)


def _norm(v: np.ndarray) -> float:
    # sqrt of a dot product: fast for the small n of the book. It is inf or
    # nan if an entry is, and inf if finite entries overflow the square.
    return math.sqrt(float(v @ v))


def _finite_norm(v: np.ndarray) -> float | None:
    """``|v|``, or None if an entry of ``v`` is not finite."""
    size = _norm(v)
    # A finite norm proves every entry finite without a second pass (this runs
    # once per step of a descent that may take tens of thousands).
    if math.isfinite(size) or np.isfinite(v).all():
        return size
    return None


def _fmt(v: np.ndarray) -> str:
    # Plain "[-1.2, 1]" reads better in a one-line message than NumPy's
    # column-aligned "[-1.2,  1. ]".
    v = np.asarray(v, dtype=float)
    if v.ndim > 1:
        return " ".join(np.array2string(v, precision=6, separator=", ").split())
    return "[" + ", ".join(f"{e:.6g}" for e in v) + "]"


def _result(history: list[np.ndarray], converged: bool, reason: str,
            residual: float) -> OptimizeResult:
    path = np.array(history)
    path.flags.writeable = False
    return OptimizeResult(x=path[-1], converged=converged, iterations=len(path) - 1,
                          history=path, reason=reason, residual=residual)


def _first_value(func: VectorFunction, x: np.ndarray, name: str,
                 expected: tuple[int, ...]) -> np.ndarray:
    # At x0 a non-finite value is bad input (nothing has diverged yet).
    value = _as_output(_call(func, x), name, expected)
    if not np.isfinite(value).all():
        raise ValueError(f"{name}(x0) must be finite, got {_fmt(value)} at x0 = {_fmt(x)}")
    return value


def _escaped(x: np.ndarray, k: int) -> str | None:
    """The divergence reason if iterate ``k`` is non-finite or too large."""
    size = _finite_norm(x)
    if size is None:
        return f"diverged: non-finite iterate at iteration {k}"
    if size > DIVERGENCE_BOUND:
        return f"diverged: |x| exceeded {DIVERGENCE_BOUND:.0e} at iteration {k}"
    return None


def _newton_solve(M: np.ndarray, rhs: np.ndarray, name: str, what: str,
                  k: int, x: np.ndarray) -> np.ndarray:
    """Solve ``M s = rhs``, raising a clear ValueError if M is singular."""
    # Numerically rank-deficient as numpy.linalg.matrix_rank defines it: the
    # smallest singular value is below n * eps * the largest. Beyond that the
    # solve returns noise (or raises LinAlgError), never a Newton step.
    sigma = np.linalg.svd(M, compute_uv=False)
    if sigma[-1] <= sigma[0] * len(sigma) * _EPS:
        cond = sigma[0] / sigma[-1] if sigma[-1] > 0 else math.inf
        raise ValueError(
            f"{name}(x) is singular at iteration {k}, x = {_fmt(x)} "
            f"(condition number {cond:.3g}): the Newton step {what} has no unique "
            "solution; start elsewhere"
        )
    try:
        return np.linalg.solve(M, rhs)
    except np.linalg.LinAlgError as exc:  # defensive: the SVD test should catch it
        raise ValueError(
            f"{name}(x) is singular at iteration {k}, x = {_fmt(x)}: {exc}"
        ) from exc


def _asymmetry(M: np.ndarray) -> tuple[float, float]:
    """``max|M - M^T|`` and the scale it is judged against, ``max(1, max|M|)``."""
    return float(np.max(np.abs(M - M.T))), max(1.0, float(np.max(np.abs(M))))


def _checked_hessian(H: np.ndarray, k: int, x: np.ndarray) -> np.ndarray:
    """The symmetric part of H, after checking that it is positive definite."""
    asymmetry, scale = _asymmetry(H)
    if asymmetry > _SYMMETRY_RTOL * scale:
        raise ValueError(
            f"hess must return a symmetric matrix, but at iteration {k}, x = {_fmt(x)}, "
            f"max|H - H^T| = {asymmetry:.3g}"
        )
    H = (H + H.T) / 2
    eigenvalues = np.linalg.eigvalsh(H)
    largest = float(np.max(np.abs(eigenvalues)))
    # A rank-deficient H (the test of _newton_solve: for a symmetric matrix
    # the singular values are the |eigenvalues|) is left to _newton_solve, so
    # that its message says "singular" even if an eigenvalue is negative.
    if float(np.min(np.abs(eigenvalues))) > largest * len(eigenvalues) * _EPS \
            and eigenvalues[0] < 0:
        raise ValueError(
            f"hess(x) is not positive definite at iteration {k}, x = {_fmt(x)} "
            f"(eigenvalues {_fmt(eigenvalues)}): the quadratic model has no minimum, and "
            "the Newton step heads for its saddle or maximum (it need not even be a "
            "descent direction)"
        )
    return H


# --------------------------------------------------------------------------
# Public functions.

class _NewtonNames(NamedTuple):
    """How one Newton iteration names its function, matrix and equation."""

    value: str      # argument name of the function: "grad" or "F"
    matrix: str     # argument name of its derivative: "hess" or "J"
    equation: str   # the linear system of a step, for the singular-matrix error
    residual: str   # |value| in the reasons
    value_kind: str   # what went non-finite, in the reasons
    matrix_kind: str


_MINIMIZE_NAMES = _NewtonNames("grad", "hess", "H s = -grad f", "|grad f(x)|",
                               "gradient", "Hessian")
_SYSTEM_NAMES = _NewtonNames("F", "J", "J s = -F", "|F(x)|", "F(x)", "Jacobian")


def _newton(F: VectorFunction, J: VectorFunction, x0: Any, tol: float, maxiter: int,
            names: _NewtonNames,
            check_matrix: Callable[[np.ndarray, int, np.ndarray], np.ndarray] | None
            ) -> OptimizeResult:
    """Newton's iteration on F(x) = 0 with matrix J; shared by the two solvers.

    Minimisation is this iteration on the gradient with the Hessian, plus a
    check (``check_matrix``) that each Hessian is positive definite.
    """
    _check_callable(F, names.value)
    _check_callable(J, names.matrix)
    x = _start(x0)
    tol = check_positive(tol, "tol")
    maxiter = check_count(maxiter, "maxiter")
    n = x.size
    history = [x]
    converged = f"converged: {names.residual} < tol"
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        value = _first_value(F, x, names.value, (n,))
        residual = _norm(value)
        if residual < tol:
            return _result(history, True, converged, residual)
        for k in range(maxiter):
            if k == 0:
                matrix = _first_value(J, x, names.matrix, (n, n))
            else:
                matrix = _as_output(_call(J, x), names.matrix, (n, n))
                if not np.isfinite(matrix).all():
                    return _result(history, False, f"diverged: non-finite "
                                   f"{names.matrix_kind} at iteration {k}", math.inf)
            if check_matrix is not None:
                matrix = check_matrix(matrix, k, x)
            s = _newton_solve(matrix, -value, names.matrix, names.equation, k, x)
            x = x + s
            escaped = _escaped(x, k + 1)
            if escaped is not None:
                if np.isfinite(x).all():
                    history.append(x)
                return _result(history, False, escaped, math.inf)
            history.append(x)
            value = _as_output(_call(F, x), names.value, (n,))
            residual = _finite_norm(value)
            if residual is None:
                return _result(history, False, f"diverged: non-finite "
                               f"{names.value_kind} at iteration {k + 1}", math.inf)
            if residual < tol:
                return _result(history, True, converged, residual)
            if _norm(s) < tol * (1 + _norm(x)):
                return _result(history, True, "converged: |step| < tol * (1 + |x|)", residual)
    return _result(history, False, "maxiter reached", residual)


def classify_critical_point(H: Any, tol: float = 1e-10) -> str:
    """Classify a critical point by the eigenvalues of its Hessian.

    Parameters
    ----------
    H : array_like or sympy.Matrix
        The symmetric ``n x n`` Hessian at a point where the gradient is zero.
        A SymPy matrix must have numeric entries.
    tol : float, optional
        An eigenvalue counts as zero if ``|lambda| <= tol * max(1, max|lambda|)``:
        absolute for small Hessians, relative for large ones. The same
        tolerance bounds the allowed asymmetry ``max|H - H^T|``. With a Hessian
        from finite differences pass a ``tol`` near its accuracy (say ``1e-6``).

    Returns
    -------
    str
        ``"saddle"`` if some eigenvalue is clearly positive and another clearly
        negative (even when a third is zero: the function rises along one
        eigenvector and falls along the other, so the point is a saddle
        whatever higher-order terms do); otherwise ``"degenerate"`` if any
        eigenvalue is zero (the second-derivative test is inconclusive);
        otherwise ``"minimum"`` (all positive) or ``"maximum"`` (all negative).

    Raises
    ------
    ValueError
        If ``H`` is not a non-empty, finite, square, symmetric matrix, or
        ``tol`` is not positive.
    TypeError
        If ``H`` does not hold numbers.

    Examples
    --------
    Rosenbrock's Hessian at its minimum (1, 1):

    >>> classify_critical_point([[802, -400], [-400, 200]])
    'minimum'
    >>> classify_critical_point([[2, 0], [0, -2]])          # x^2 - y^2 at 0
    'saddle'
    >>> classify_critical_point([[0, 0], [0, 0]])           # x^4 + y^4 at 0
    'degenerate'
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> f = -(x**2 + x*y + y**2)
    >>> classify_critical_point(sp.hessian(f, (x, y)))
    'maximum'
    """
    tol = check_positive(tol, "tol")
    M = as_matrix(H, "H", square=True)
    if M.size == 0:
        raise ValueError("H must be a non-empty square matrix, got shape (0, 0)")
    asymmetry, scale = _asymmetry(M)
    if asymmetry > tol * scale:
        raise ValueError(
            f"H must be symmetric (a Hessian of a C^2 function is), but "
            f"max|H - H^T| = {asymmetry:.3g}"
        )
    eigenvalues = np.linalg.eigvalsh((M + M.T) / 2)
    zero = tol * max(1.0, float(np.max(np.abs(eigenvalues))))
    positive = bool(np.any(eigenvalues > zero))
    negative = bool(np.any(eigenvalues < -zero))
    if positive and negative:
        return "saddle"
    if np.any(np.abs(eigenvalues) <= zero):
        return "degenerate"
    return "minimum" if positive else "maximum"


def gradient_descent(grad: VectorFunction, x0: Any, step: float = 1e-3,
                     tol: float = 1e-8, maxiter: int = 10_000) -> OptimizeResult:
    """Minimise f by fixed-step gradient descent, ``x <- x - step * grad f(x)``.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient of f at ``x`` (shape ``(n,)`` or
        ``(n, 1)``).
    x0 : array_like
        The starting point, ``n`` finite numbers.
    step : float, optional
        The fixed step size (learning rate), > 0. The default ``1e-3`` is
        deliberately small; on a quadratic with Hessian eigenvalues up to L
        the iteration converges only for ``step < 2 / L``.
    tol : float, optional
        Stop when ``|grad f(x)| < tol`` (Euclidean norm).
    maxiter : int, optional
        The most steps to take.

    Returns
    -------
    OptimizeResult
        Not converged, with reason ``"maxiter reached"``, if the gradient is
        still large after ``maxiter`` steps; not converged with a
        ``"diverged: ..."`` reason if an iterate passes ``DIVERGENCE_BOUND`` or
        the gradient becomes non-finite.

    Raises
    ------
    ValueError
        If ``step`` or ``tol`` is not positive, ``maxiter`` is not a positive
        integer, ``x0`` is not a finite vector, ``grad`` returns the wrong
        shape, or ``grad(x0)`` is not finite.
    TypeError
        If ``grad`` is not callable or returns something that is not numbers.

    Examples
    --------
    On f = (x^2 + 10 y^2) / 2 the gradient is (x, 10 y); the Hessian's largest
    eigenvalue is 10, so a step of 0.1 converges and 0.25 does not:

    >>> import numpy as np
    >>> grad = lambda v: np.array([1.0, 10.0]) * v
    >>> res = gradient_descent(grad, [1.0, 1.0], step=0.1)
    >>> res.converged, res.iterations, np.round(res.x, 6)
    (True, 175, array([0., 0.]))
    >>> res.reason
    'converged: |grad f(x)| < tol'
    >>> bad = gradient_descent(grad, [1.0, 1.0], step=0.25)
    >>> bad.converged, bad.reason
    (False, 'diverged: |x| exceeded 1e+50 at iteration 284')
    """
    _check_callable(grad, "grad")
    x = _start(x0)
    step = check_positive(step, "step")
    tol = check_positive(tol, "tol")
    maxiter = check_count(maxiter, "maxiter")
    n = x.size
    shape = (n,)
    history = [x]
    # An upper bound on |x|, kept up to date by |x - step g| <= |x| + step |g|:
    # while it stays below half of DIVERGENCE_BOUND (a margin far wider than
    # the rounding of the sum), the iterate is finite and inside the bound, and
    # the norm _escaped would compute is not needed. This saves a fifth of the
    # time of a long descent; the result is the same, step for step.
    reach = _norm(x)
    limit = DIVERGENCE_BOUND / 2
    # The loop body is written out (no helper calls on the common path) because
    # it runs once per step of descents that take tens of thousands: the
    # bookkeeping then costs about as much as a small gradient, not twice it.
    append, sqrt, isfinite = history.append, math.sqrt, math.isfinite
    # Overflow in a diverging run is detected and reported below; silence
    # NumPy's warnings meanwhile, including those raised inside ``grad``.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        g = _first_value(grad, x, "grad", shape)
        residual = _norm(g)
        for k in range(1, maxiter + 1):
            if residual < tol:
                return _result(history, True, "converged: |grad f(x)| < tol", residual)
            x_next = x - step * g
            reach += step * residual
            if not reach < limit:  # also when reach is inf
                escaped = _escaped(x_next, k)
                if escaped is not None:
                    if np.isfinite(x_next).all():
                        append(x_next)
                    return _result(history, False, escaped, math.inf)
                reach = 2 * _norm(x_next)  # |x| itself, with room for its rounding
            x = x_next
            append(x)
            try:
                value = grad(x)
            except OverflowError:  # math's overflow; NumPy's gives inf below
                value = _OVERFLOW
            g = value if type(value) is np.ndarray and value.dtype == np.float64 else None
            if g is None or g.shape != shape:
                g = _as_output(value, "grad", shape)
            residual = sqrt(float(g @ g))
            if not isfinite(residual) and not np.isfinite(g).all():
                return _result(history, False,
                               f"diverged: non-finite gradient at iteration {k}", math.inf)
    if residual < tol:
        return _result(history, True, "converged: |grad f(x)| < tol", residual)
    return _result(history, False, "maxiter reached", residual)


def newton_minimize(grad: VectorFunction, hess: VectorFunction, x0: Any,
                    tol: float = 1e-10, maxiter: int = 100) -> OptimizeResult:
    """Minimise f by Newton's method, solving ``H(x) s = -grad f(x)``.

    Pure Newton: full steps, no line search, so near a minimum the error is
    squared at every step (quadratic convergence), while from a poor start
    the steps may overshoot.

    Parameters
    ----------
    grad : callable
        ``grad(x)`` returns the gradient of f (shape ``(n,)`` or ``(n, 1)``).
    hess : callable
        ``hess(x)`` returns the Hessian of f, shape ``(n, n)``. Its symmetric
        part ``(H + H^T) / 2`` is used; an asymmetry beyond rounding
        (relative ``1e-6``) is an error.
    x0 : array_like
        The starting point, ``n`` finite numbers.
    tol : float, optional
        Stop when ``|grad f(x)| < tol``, or when a Newton step is shorter than
        ``tol * (1 + |x|)``: the model then puts the minimum within about
        ``tol * (1 + |x|)`` of ``x``; this rule is for when the gradient cannot
        be driven below ``tol`` in floating point.
    maxiter : int, optional
        The most Newton steps to take.

    Returns
    -------
    OptimizeResult
        As for :func:`gradient_descent`; ``residual`` is ``|grad f(x)|``.

    Raises
    ------
    ValueError
        If the Hessian at an iterate is singular (message contains
        ``"singular"``, the iteration, the iterate and the condition number)
        or is not positive definite (message contains
        ``"not positive definite"``, the iterate and the eigenvalues). This
        is always an error: with a negative eigenvalue the quadratic model
        has no minimum, and the Newton step heads for its saddle or maximum
        (it need not even be a descent direction). To find a
        critical point of any kind use ``newton_system(grad, hess, x0)``.
        Also raised for the bad input listed under :func:`gradient_descent`.
    TypeError
        If ``grad`` or ``hess`` is not callable or returns non-numbers.

    Examples
    --------
    Rosenbrock's function f = (1 - x)^2 + 100 (y - x^2)^2 from (-1.2, 1):

    >>> import numpy as np
    >>> def grad(v):
    ...     x, y = v
    ...     return np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    >>> def hess(v):
    ...     x, y = v
    ...     return np.array([[2 - 400 * y + 1200 * x**2, -400 * x], [-400 * x, 200.0]])
    >>> res = newton_minimize(grad, hess, [-1.2, 1.0])
    >>> res.converged, res.iterations, np.round(res.x, 12)
    (True, 7, array([1., 1.]))

    The distance to (1, 1) is roughly squared at every step near the end:

    >>> errors = np.linalg.norm(res.history - [1, 1], axis=1)
    >>> print(np.array2string(errors[3:], precision=1))
    [4.8e-01 5.6e-02 9.6e-06 1.9e-11 0.0e+00]

    At (1, 1) on the saddle x^2 - y^2 the quadratic model has no minimum:

    >>> newton_minimize(lambda v: np.array([2 * v[0], -2 * v[1]]),
    ...                 lambda v: np.diag([2.0, -2.0]), [1.0, 1.0])
    Traceback (most recent call last):
    ...
    ValueError: hess(x) is not positive definite at iteration 0, x = [1, 1] ...
    """
    return _newton(grad, hess, x0, tol, maxiter, _MINIMIZE_NAMES, _checked_hessian)


def newton_system(F: VectorFunction, J: VectorFunction, x0: Any,
                  tol: float = 1e-10, maxiter: int = 100) -> OptimizeResult:
    """Solve ``F(x) = 0`` by Newton-Raphson, ``x <- x + s`` with ``J(x) s = -F(x)``.

    Parameters
    ----------
    F : callable
        ``F(x)`` returns n numbers (shape ``(n,)`` or ``(n, 1)``), where
        ``n = len(x0)``: as many equations as unknowns.
    J : callable
        ``J(x)`` returns the Jacobian of F, shape ``(n, n)`` (row i holds the
        partial derivatives of ``F_i``).
    x0 : array_like
        The starting point, ``n`` finite numbers.
    tol : float, optional
        Stop when ``|F(x)| < tol``, or when a Newton step is shorter than
        ``tol * (1 + |x|)`` (the root is then within rounding of ``x``).
    maxiter : int, optional
        The most Newton steps to take.

    Returns
    -------
    OptimizeResult
        ``residual`` is ``|F(x)|``. A start from which Newton runs away ends
        not converged with a ``"diverged: ..."`` reason.

    Raises
    ------
    ValueError
        If ``J(x)`` is singular at an iterate (numerically rank-deficient;
        the message contains ``"singular"``, the iteration, the iterate and
        the condition number); if ``F`` or ``J`` returns the wrong shape (the
        message names it and the expected shape); if ``F(x0)`` or ``J(x0)``
        is not finite; or for bad ``x0``, ``tol``, ``maxiter``.
    TypeError
        If ``F`` or ``J`` is not callable or returns non-numbers.

    Examples
    --------
    The circle x^2 + y^2 = 4 meets the hyperbola x y = 1; start near a crossing:

    >>> import numpy as np
    >>> F = lambda v: np.array([v[0]**2 + v[1]**2 - 4, v[0] * v[1] - 1])
    >>> J = lambda v: np.array([[2 * v[0], 2 * v[1]], [v[1], v[0]]])
    >>> res = newton_system(F, J, [2.0, 0.5])
    >>> res.converged, res.iterations, res.reason
    (True, 3, 'converged: |F(x)| < tol')
    >>> print(np.array2string(res.x, precision=10))
    [1.9318516526 0.5176380902]

    The exact crossing is (sqrt(2 + sqrt 3), sqrt(2 - sqrt 3)); each error is
    about half the square of the one before:

    >>> exact = np.sqrt([2 + np.sqrt(3), 2 - np.sqrt(3)])
    >>> errors = np.linalg.norm(res.history - exact, axis=1)
    >>> print(np.array2string(errors, precision=1))
    [7.0e-02 1.8e-03 1.5e-06 1.1e-12]

    At the origin the Jacobian is the zero matrix:

    >>> newton_system(F, J, [0.0, 0.0])
    Traceback (most recent call last):
    ...
    ValueError: J(x) is singular at iteration 0, x = [0, 0] ...
    """
    return _newton(F, J, x0, tol, maxiter, _SYSTEM_NAMES, None)
