"""Exact derivatives with SymPy: gradient, Jacobian, Hessian, Laplacian.

Conventions used throughout the book:

* vectors are columns, so :func:`gradient` returns an ``n x 1`` Matrix;
* the Jacobian of ``F: R^n -> R^m`` is ``m x n``, one row per output:
  ``J[i, j] = dF_i / dx_j``, and its rows are the transposed gradients of
  the components;
* the Hessian is the Jacobian of the gradient, and the Laplacian is its
  trace.

Every function takes the expression first and the sequence of variables
second, as :func:`sympy.diff` and :meth:`sympy.Matrix.jacobian` do, and
returns SymPy objects (call :func:`sympy.simplify` on them when a tidy form
matters more than speed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sympy as sp

__all__ = [
    "gradient",
    "jacobian",
    "hessian",
    "laplacian",
    "divergence",
    "directional_derivative",
    "linearize",
    "area_element",
]


def _variables(vars: Any, name: str = "vars") -> tuple[sp.Symbol, ...]:
    """Check that ``vars`` is a non-empty sequence of distinct SymPy symbols."""
    if isinstance(vars, sp.Symbol):
        vars = (vars,)
    if isinstance(vars, sp.MatrixBase):
        vars = tuple(vars)
    if not isinstance(vars, Sequence) or isinstance(vars, str):
        raise TypeError(f"{name} must be a sequence of SymPy symbols, got {vars!r}")
    if len(vars) == 0:
        raise ValueError(f"{name} must hold at least one variable")
    for v in vars:
        if not isinstance(v, sp.Symbol):
            raise TypeError(f"{name} must hold SymPy symbols only, got {v!r} ({type(v).__name__})")
    if len(set(vars)) != len(vars):
        raise ValueError(f"{name} must not repeat a variable, got {tuple(vars)}")
    return tuple(vars)


def _scalar(f: Any, name: str = "f") -> sp.Expr:
    """Sympify a scalar expression; reject vectors and matrices."""
    if isinstance(f, (sp.MatrixBase, list, tuple)):
        raise TypeError(f"{name} must be a scalar expression, got a {type(f).__name__}; "
                        "use jacobian() for vector-valued maps")
    try:
        expr = sp.sympify(f)
    except (sp.SympifyError, TypeError) as exc:
        raise TypeError(f"{name} must be a SymPy expression, got {f!r}") from exc
    if not isinstance(expr, sp.Expr):
        raise TypeError(f"{name} must be a scalar expression, got {expr!r}")
    return expr


def _components(F: Any, name: str = "F") -> sp.Matrix:
    """Sympify a vector-valued map into a column Matrix of its components."""
    if isinstance(F, sp.MatrixBase):
        if F.rows != 1 and F.cols != 1:
            raise ValueError(f"{name} must be a vector of expressions, got a {F.shape} matrix")
        return sp.Matrix(list(F))
    if isinstance(F, (list, tuple)):
        if len(F) == 0:
            raise ValueError(f"{name} must have at least one component")
        return sp.Matrix([_scalar(c, f"{name}[{i}]") for i, c in enumerate(F)])
    return sp.Matrix([_scalar(F, name)])


def gradient(f: Any, vars: Sequence[sp.Symbol]) -> sp.Matrix:
    """Gradient of a scalar expression as an ``n x 1`` column Matrix.

    Parameters
    ----------
    f : sympy.Expr
        Scalar expression.
    vars : sequence of sympy.Symbol
        The ``n`` variables, in the order of the gradient's entries.

    Returns
    -------
    sympy.Matrix
        Column of the partial derivatives ``df/dx_i``.

    Raises
    ------
    TypeError
        If ``f`` is not a scalar expression or ``vars`` does not hold symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> gradient(x**2 + y**2, [x, y])
    Matrix([
    [2*x],
    [2*y]])
    """
    expr = _scalar(f)
    variables = _variables(vars)
    return sp.Matrix([sp.diff(expr, v) for v in variables])


def jacobian(F: Any, vars: Sequence[sp.Symbol]) -> sp.Matrix:
    """Jacobian matrix of a map ``R^n -> R^m``: ``m x n``, one row per output.

    Parameters
    ----------
    F : sequence of sympy.Expr, sympy.Matrix or a scalar expression
        The ``m`` components of the map (a scalar counts as ``m = 1``).
    vars : sequence of sympy.Symbol
        The ``n`` input variables, in the order of the columns.

    Returns
    -------
    sympy.Matrix
        ``J[i, j] = dF_i / dx_j``, shape ``(m, n)``.

    Raises
    ------
    ValueError
        If ``F`` is a matrix that is not a vector, or is empty.
    TypeError
        If a component is not a scalar expression or ``vars`` does not hold symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> jacobian([x**2 * y, 5*x + sp.sin(y)], [x, y])
    Matrix([
    [2*x*y, x**2],
    [    5, cos(y)]])
    """
    components = _components(F)
    variables = _variables(vars)
    return components.jacobian(sp.Matrix(variables))


def hessian(f: Any, vars: Sequence[sp.Symbol]) -> sp.Matrix:
    """Hessian matrix ``H[i, j] = d/dx_j (df/dx_i)``, the Jacobian of the gradient.

    Row i holds the partial derivatives of ``df/dx_i``, the i-th entry of the
    gradient, as in the book's definition of the Hessian. Texts that write
    ``d^2 f / dx_i dx_j`` differentiate in the other order; for a C^2 function
    the two agree (Schwarz's theorem) and the matrix is symmetric.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> hessian((1 - x)**2 + 100*(y - x**2)**2, [x, y]).subs({x: 1, y: 1})
    Matrix([
    [ 802, -400],
    [-400,  200]])
    """
    variables = _variables(vars)
    return jacobian(list(gradient(f, variables)), variables)


def laplacian(f: Any, vars: Sequence[sp.Symbol]) -> sp.Expr:
    """Laplacian in Cartesian variables: the sum of the unmixed second partials.

    It equals the divergence of the gradient and the trace of the Hessian.
    The result is not simplified.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> laplacian(x**2 - y**2, [x, y])
    0
    >>> laplacian(x**2 + y**2, [x, y])
    4
    """
    expr = _scalar(f)
    variables = _variables(vars)
    return sp.Add(*[sp.diff(expr, v, 2) for v in variables])


def divergence(F: Any, vars: Sequence[sp.Symbol]) -> sp.Expr:
    """Divergence ``sum_i dF_i / dx_i`` of a vector field with as many components as variables.

    Raises
    ------
    ValueError
        If ``F`` has a different number of components than ``vars`` has variables.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> divergence([x*y, y**2], [x, y])
    3*y
    """
    components = _components(F)
    variables = _variables(vars)
    if len(components) != len(variables):
        raise ValueError(f"F must have one component per variable: got {len(components)} "
                         f"components for {len(variables)} variables")
    return sp.Add(*[sp.diff(c, v) for c, v in zip(components, variables)])


def directional_derivative(f: Any, vars: Sequence[sp.Symbol], u: Any) -> sp.Expr:
    """Directional derivative ``D_u f = <grad f, u>``.

    ``u`` is used as given: pass a unit vector to get the rate of change per
    unit length travelled (the usual definition); a longer ``u`` scales the
    result by its length.

    Raises
    ------
    ValueError
        If ``u`` does not have one component per variable.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> directional_derivative(x**2 * y, [x, y], [sp.Rational(3, 5), sp.Rational(4, 5)])
    4*x**2/5 + 6*x*y/5
    """
    variables = _variables(vars)
    direction = _components(u, "u")
    if len(direction) != len(variables):
        raise ValueError(f"u must have {len(variables)} components (one per variable), "
                         f"got {len(direction)}")
    return sp.expand((gradient(f, variables).T * direction)[0, 0])


def linearize(F: Any, vars: Sequence[sp.Symbol], point: Any) -> Any:
    """First-order Taylor model ``F(p) + J(p) (x - p)`` at ``point``.

    Parameters
    ----------
    F : scalar expression or sequence of expressions
    vars : sequence of sympy.Symbol
    point : sequence of numbers/expressions (one per variable) or a mapping ``{var: value}``

    Returns
    -------
    sympy.Expr or sympy.Matrix
        An expression for a scalar ``F``, else an ``m x 1`` column Matrix, in
        the same variables.

    Raises
    ------
    ValueError
        If ``point`` does not give exactly one value per variable.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y = sp.symbols("x y")
    >>> linearize(x**2 * y, [x, y], [1, 2])
    4*x + y - 4
    """
    variables = _variables(vars)
    if isinstance(point, Mapping):
        if set(point) != set(variables):
            raise ValueError(f"point must give a value for each of {variables}, "
                             f"got keys {tuple(point)}")
        values = [sp.sympify(point[v]) for v in variables]
    else:
        values = list(point) if isinstance(point, (Sequence, sp.MatrixBase)) else [point]
        if len(values) != len(variables):
            raise ValueError(f"point must have {len(variables)} coordinates (one per variable), "
                             f"got {len(values)}")
        values = [sp.sympify(v) for v in values]
    at_point = dict(zip(variables, values))
    scalar = not isinstance(F, (list, tuple, sp.MatrixBase))
    components = _components(F)
    J = components.jacobian(sp.Matrix(variables)).subs(at_point)
    offset = sp.Matrix(variables) - sp.Matrix(values)
    model = (components.subs(at_point) + J * offset).applyfunc(sp.expand)
    return model[0, 0] if scalar else model


def area_element(X: Any, vars: Sequence[sp.Symbol]) -> sp.Expr:
    """Area element ``sqrt(det(J^T J))`` of a parametrised surface ``X(u, v)`` in ``R^3``.

    ``J`` is the ``3 x 2`` Jacobian, whose columns are the tangent vectors
    ``X_u`` and ``X_v``; ``det(J^T J) = |X_u x X_v|^2`` (the Gram determinant).
    The entries of ``J^T J`` are tidied exactly by expanding them and using
    ``sin^2 + cos^2 = 1`` (whichever way is shorter), then
    :func:`sympy.factor`, before the determinant and its square root, so SymPy keeps an ``Abs``
    where it cannot tell the sign (declare symbols ``positive=True`` where
    they are).

    Parameters
    ----------
    X : sequence of three sympy.Expr or a 3-vector Matrix
        The surface's coordinates as functions of the parameters.
    vars : sequence of two sympy.Symbol
        The parameters ``(u, v)``.

    Returns
    -------
    sympy.Expr
        The factor in ``dA = area_element * du dv``.

    Raises
    ------
    ValueError
        If ``X`` does not have three components or ``vars`` is not two symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> R = sp.symbols("R", positive=True)
    >>> phi, theta = sp.symbols("phi theta", real=True)
    >>> sphere = [R*sp.sin(phi)*sp.cos(theta), R*sp.sin(phi)*sp.sin(theta), R*sp.cos(phi)]
    >>> area_element(sphere, [phi, theta])
    R**2*Abs(sin(phi))
    """
    components = _components(X, "X")
    variables = _variables(vars)
    if components.rows != 3:
        raise ValueError(f"X must have 3 components (a surface in R^3), got {components.rows}")
    if len(variables) != 2:
        raise ValueError(f"vars must be two parameters (u, v), got {len(variables)}")
    J = components.jacobian(sp.Matrix(variables))
    # Tidying the 2 x 2 Gram matrix entry by entry is much faster than
    # simplifying its determinant.
    metric = (J.T * J).applyfunc(_tidy_trig_squares)
    return sp.sqrt(sp.factor(metric.det()))


def _pythagoras(expr: sp.Expr, square: Any, other: Any) -> sp.Expr:
    """``expr`` with every ``square(a)**k`` (k >= 2) written by ``square^2 = 1 - other^2``, factored."""
    def is_power(term: sp.Expr) -> bool:
        return (term.is_Pow and isinstance(term.base, square) and term.exp.is_Integer
                and term.exp >= 2)

    def rewrite(term: sp.Pow) -> sp.Expr:
        return (term.base ** (term.exp % 2)
                * (1 - other(term.base.args[0]) ** 2) ** (term.exp // 2))

    return sp.factor(sp.expand(expr.replace(is_power, rewrite)))


def _tidy_trig_squares(expr: sp.Expr) -> sp.Expr:
    """An exact, cheap tidy: expand, then use ``sin^2 + cos^2 = 1`` one way or the other.

    Both rewrites are identities, so the result equals ``expr``; the shorter
    one (by :func:`sympy.count_ops`; ``sin^2 -> 1 - cos^2`` on a tie) is kept.
    Much faster than :func:`sympy.trigsimp` on the entries of a surface's
    Gram matrix, which are polynomials in sines and cosines.
    """
    expanded = sp.expand(expr)
    return min((_pythagoras(expanded, sp.sin, sp.cos), _pythagoras(expanded, sp.cos, sp.sin)),
               key=sp.count_ops)
