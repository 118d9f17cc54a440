"""Rotations of space: rotation matrices, their exponential and logarithm,
and angular velocity.

The first page on robots in three dimensions uses these functions. A
rotation is stored as a 3 x 3 matrix ``R`` with ``R^T R = I`` and
``det R = +1`` (the special orthogonal group SO(3)); a rotation vector
``omega = theta * n`` packs a unit axis ``n`` and an angle ``theta`` into one
3-vector.

.. rubric:: Conventions

* Angles follow the right-hand rule: with the thumb along the axis, the
  fingers curl in the direction of a positive angle (`companion.vectors.rotate`
  turns the same way, and ``exp_so3(theta * n) @ u == rotate(u, n, theta)``).
* A rotation matrix ``R`` maps the coordinates of a vector in a moving
  (body) frame to its coordinates in the fixed (world, or spatial) frame:
  the columns of ``R`` are the body's axes written in world coordinates.
* Angular velocity comes in two versions (:func:`angular_velocity`): the
  *spatial* one, ``vee(Rdot R^T)``, in world coordinates, and the *body*
  one, ``vee(R^T Rdot)``, the same vector in body coordinates:
  ``omega_spatial = R omega_body``.
* :func:`log_so3` returns the rotation vector with angle in ``[0, pi]``. At
  exactly ``pi`` both ``pi n`` and ``-pi n`` are logarithms; one of them is
  returned (see :func:`log_so3`).
* Bad input raises ``ValueError`` (``TypeError`` for non-numbers) naming the
  argument: a wrong shape, a non-finite entry, a matrix that is not a
  rotation (how far from orthogonal it is, or that it is a reflection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._checks import as_matrix, as_vector, check_choice, check_positive
from .vectors import hat

__all__ = [
    "AxisAngle",
    "ROTATION_TOL",
    "angular_velocity",
    "axis_angle",
    "check_rotation",
    "exp_so3",
    "is_rotation",
    "log_so3",
]

#: Default tolerance of :func:`check_rotation`: the largest accepted
#: ``||R^T R - I||`` (Frobenius norm). Matrices computed in floating point
#: are orthogonal to about 1e-15; one typed with four decimals is off by
#: about 1e-4 and must be re-orthogonalised first.
ROTATION_TOL = 1e-9

# Below this angle exp_so3 and log_so3 use Taylor series: the next term
# omitted is of relative size theta**8 / 9! < 1e-30, far below rounding.
_SERIES_ANGLE = 1e-3


def _angle_of(omega: np.ndarray) -> float:
    """|omega| without overflow or underflow for extreme entries."""
    scale = float(np.max(np.abs(omega)))
    if scale == 0.0:
        return 0.0
    return scale * float(np.sqrt(np.sum((omega / scale) ** 2)))


def exp_so3(omega: ArrayLike) -> np.ndarray:
    """Rotation matrix of a rotation vector: the exponential of its hat matrix.

    For ``omega = theta * n`` with ``n`` a unit vector and ``K = hat(n)``,
    Rodrigues' formula gives ``exp(hat(omega)) = I + sin(theta) K +
    (1 - cos(theta)) K^2``, the rotation by ``theta`` about ``n``. It is
    evaluated as ``I + a hat(omega) + b hat(omega)^2`` with
    ``a = sin(theta)/theta`` and ``b = (1 - cos(theta))/theta^2 =
    (sin(theta/2)/(theta/2))^2 / 2``, the latter free of the cancellation in
    ``1 - cos(theta)``; below ``theta = 1e-3`` both come from their Taylor
    series, so that small rotation vectors keep all their digits.

    Parameters
    ----------
    omega : array_like, shape (3,)
        The rotation vector: axis times angle in radians (any length).

    Returns
    -------
    numpy.ndarray, shape (3, 3)
        The rotation matrix, orthogonal with determinant +1 up to rounding.

    Raises
    ------
    ValueError
        If ``omega`` is not a finite vector with 3 components.

    Examples
    --------
    A quarter turn about z takes x to y (``+ 0.0`` prints -0.0 as 0.0):

    >>> np.round(exp_so3([0, 0, np.pi / 2]), 12) + 0.0
    array([[ 0., -1.,  0.],
           [ 1.,  0.,  0.],
           [ 0.,  0.,  1.]])
    >>> exp_so3([0, 0, 0])
    array([[1., 0., 0.],
           [0., 1., 0.],
           [0., 0., 1.]])
    """
    omega = as_vector(omega, "omega", dim=3)
    theta = _angle_of(omega)
    if theta < _SERIES_ANGLE:
        t2 = theta * theta
        a = 1.0 - t2 / 6.0 * (1.0 - t2 / 20.0 * (1.0 - t2 / 42.0))
        b = 0.5 - t2 / 24.0 * (1.0 - t2 / 30.0 * (1.0 - t2 / 56.0))
        W = hat(omega)
        return np.eye(3) + a * W + b * (W @ W)
    # Use the unit axis, so that huge vectors do not overflow in hat(omega)^2.
    K = hat(omega / theta)
    half = np.sin(0.5 * theta)
    return np.eye(3) + np.sin(theta) * K + (2.0 * half * half) * (K @ K)


def _check_tol(tol: Any) -> float:
    return check_positive(tol, "tol")


def _orthogonality_defect(R: np.ndarray) -> float:
    return float(np.linalg.norm(R.T @ R - np.eye(3)))


def is_rotation(R: ArrayLike, tol: float = ROTATION_TOL) -> bool:
    """Whether ``R`` is a rotation matrix: ``||R^T R - I|| <= tol`` and ``det R > 0``.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        A finite 3 x 3 matrix.
    tol : float, default ``ROTATION_TOL`` (1e-9)
        Largest accepted Frobenius norm of ``R^T R - I``.

    Returns
    -------
    bool

    Raises
    ------
    ValueError
        If ``R`` is not a finite 3 x 3 matrix or ``tol`` is not positive.

    Examples
    --------
    >>> is_rotation(np.eye(3)), is_rotation(np.diag([1.0, 1.0, -1.0]))
    (True, False)
    """
    R = as_matrix(R, "R", shape=(3, 3))
    tol = _check_tol(tol)
    return _orthogonality_defect(R) <= tol and bool(np.linalg.det(R) > 0)


def check_rotation(R: ArrayLike, name: str = "R", tol: float = ROTATION_TOL) -> np.ndarray:
    """Return ``R`` as a float array if it is a rotation matrix, else raise saying why.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        The matrix to check.
    name : str, default ``"R"``
        The argument's name, used in the messages.
    tol : float, default ``ROTATION_TOL`` (1e-9)
        Largest accepted Frobenius norm of ``R^T R - I``.

    Returns
    -------
    numpy.ndarray, shape (3, 3)

    Raises
    ------
    ValueError
        If ``R`` is not a finite 3 x 3 matrix; if it is not orthogonal to
        within ``tol`` (the message gives ``||R^T R - I||``); or if it is
        orthogonal with ``det R = -1``, a reflection (it reverses
        orientation).

    Examples
    --------
    >>> check_rotation([[1, 0.1, 0], [0, 1, 0], [0, 0, 1]], "A")
    Traceback (most recent call last):
    ...
    ValueError: A is not a rotation matrix: it is not orthogonal, ||A^T A - I|| = 0.141774 (at most 1e-09 allowed)
    >>> check_rotation([[0, 1, 0], [1, 0, 0], [0, 0, 1]], "M")
    Traceback (most recent call last):
    ...
    ValueError: M is not a rotation matrix: it is orthogonal but det M = -1, a reflection (it reverses orientation)
    """
    if not isinstance(name, str) or not name:
        raise ValueError(f"name must be a non-empty string, got {name!r}")
    R = as_matrix(R, name, shape=(3, 3))
    tol = _check_tol(tol)
    defect = _orthogonality_defect(R)
    if defect > tol:
        raise ValueError(
            f"{name} is not a rotation matrix: it is not orthogonal, "
            f"||{name}^T {name} - I|| = {defect:.6g} (at most {tol:.6g} allowed)"
        )
    if np.linalg.det(R) < 0:
        raise ValueError(
            f"{name} is not a rotation matrix: it is orthogonal but det {name} = -1, "
            "a reflection (it reverses orientation)"
        )
    return R


@dataclass(frozen=True)
class AxisAngle:
    """A rotation as a unit axis and an angle in ``[0, pi]`` (see :func:`axis_angle`).

    Attributes
    ----------
    axis : numpy.ndarray, shape (3,)
        Unit vector. For the identity (``angle == 0``) every axis is right;
        ``(0, 0, 1)`` is returned.
    angle : float
        The angle in radians, in ``[0, pi]``.
    """

    axis: np.ndarray
    angle: float

    @property
    def rotation_vector(self) -> np.ndarray:
        """``angle * axis``, the same vector :func:`log_so3` returns."""
        return self.angle * self.axis


def _log(R: np.ndarray) -> tuple[float, np.ndarray]:
    """(angle, rotation vector) of a checked rotation matrix."""
    # 2 sin(theta) n = vee(R - R^T) and 1 + 2 cos(theta) = trace R.
    skew = np.array([R[2, 1] - R[1, 2], R[0, 2] - R[2, 0], R[1, 0] - R[0, 1]])
    s = 0.5 * _angle_of(skew)
    c = 0.5 * (np.trace(R) - 1.0)
    theta = float(np.arctan2(s, c))  # in [0, pi], accurate at both ends
    if c >= 0.0:
        # theta <= pi/2: omega = theta / sin(theta) * vee(R - R^T) / 2.
        if theta < _SERIES_ANGLE:
            t2 = theta * theta
            factor = 1.0 + t2 / 6.0 * (1.0 + t2 * 7.0 / 60.0 * (1.0 + t2 * 31.0 / 294.0))
        else:
            factor = theta / np.sin(theta)
        return theta, 0.5 * factor * skew
    # theta > pi/2: sin(theta) shrinks towards pi and the skew part loses its
    # digits. The symmetric part keeps them: (R + R^T)/2 - cos(theta) I =
    # (1 - cos(theta)) n n^T, with 1 - cos(theta) >= 1 here. Read n from the
    # column with the largest diagonal entry (n_i^2 >= 1/3 there).
    B = 0.5 * (R + R.T) - c * np.eye(3)
    i = int(np.argmax(np.diag(B)))
    n = B[:, i] / np.sqrt(B[i, i] * (1.0 - c))
    n = n / _angle_of(n)
    # The sign: vee(R - R^T) = 2 sin(theta) n points along +n. At theta = pi
    # exactly it is zero (both signs are right) and the sign of B's column
    # is kept.
    if n @ skew < 0.0:
        n = -n
    return theta, theta * n


def log_so3(R: ArrayLike, tol: float = ROTATION_TOL) -> np.ndarray:
    """The rotation vector of a rotation matrix, with angle in ``[0, pi]``.

    The inverse of :func:`exp_so3`: ``exp_so3(log_so3(R)) == R`` (up to
    rounding), and ``log_so3(exp_so3(omega)) == omega`` for ``|omega| < pi``.
    The angle is ``atan2(|vee(R - R^T)| / 2, (trace R - 1) / 2)``, which
    keeps its accuracy at both ends of ``[0, pi]``, where the usual
    ``arccos((trace R - 1) / 2)`` loses about half the digits. The axis comes
    from the skew part ``(R - R^T)/2 = sin(theta) hat(n)`` for angles up to
    ``pi/2`` (with a Taylor series for ``theta / sin(theta)`` below 1e-3), and
    from the symmetric part ``(R + R^T)/2 - cos(theta) I =
    (1 - cos(theta)) n n^T`` beyond, where ``sin(theta)`` is small near ``pi``.

    Accuracy: for ``R = exp_so3(omega)`` with ``|omega| <= pi - 1e-6`` the
    result differs from ``omega`` by at most ``1e-14`` in absolute value
    and, for ``|omega| < 1``, by at most ``1e-14 * |omega|`` (relative
    accuracy for small rotations). Closer to ``pi`` the same bound holds for
    ``exp_so3(log_so3(R)) - R``, but the sign of the axis can flip: at
    ``pi`` the rotations by ``pi`` about ``n`` and ``-n`` are the same. The
    tests check these bounds.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        A rotation matrix (see :func:`check_rotation`).
    tol : float, default ``ROTATION_TOL`` (1e-9)
        How far from orthogonal ``R`` may be.

    Returns
    -------
    numpy.ndarray, shape (3,)
        ``theta * n`` with ``theta`` in ``[0, pi]`` and ``n`` a unit vector
        (the zero vector for the identity).

    Raises
    ------
    ValueError
        If ``R`` is not a finite 3 x 3 rotation matrix (named messages from
        :func:`check_rotation`).

    Examples
    --------
    >>> omega = np.array([0.3, -0.2, 0.9])
    >>> bool(np.allclose(log_so3(exp_so3(omega)), omega, rtol=0, atol=1e-14))
    True
    >>> np.round(log_so3([[0, -1, 0], [1, 0, 0], [0, 0, 1]]) / np.pi, 12) + 0.0
    array([0. , 0. , 0.5])
    """
    R = check_rotation(R, "R", tol)
    return _log(R)[1]


def axis_angle(R: ArrayLike, tol: float = ROTATION_TOL) -> AxisAngle:
    """The unit axis and the angle in ``[0, pi]`` of a rotation matrix.

    The same computation as :func:`log_so3`, split into its two parts.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        A rotation matrix (see :func:`check_rotation`).
    tol : float, default ``ROTATION_TOL`` (1e-9)
        How far from orthogonal ``R`` may be.

    Returns
    -------
    AxisAngle
        ``.axis`` (unit 3-vector; ``(0, 0, 1)`` for the identity) and
        ``.angle`` (radians, in ``[0, pi]``).

    Raises
    ------
    ValueError
        If ``R`` is not a finite 3 x 3 rotation matrix.

    Examples
    --------
    >>> r = axis_angle(exp_so3([0.0, 0.0, -1.0]))
    >>> np.round(r.axis, 12) + 0.0, round(r.angle, 12)
    (array([ 0.,  0., -1.]), 1.0)
    """
    R = check_rotation(R, "R", tol)
    theta, omega = _log(R)
    if theta == 0.0:
        return AxisAngle(axis=np.array([0.0, 0.0, 1.0]), angle=0.0)
    return AxisAngle(axis=omega / _angle_of(omega), angle=theta)


ANGULAR_VELOCITY_FRAMES = ("spatial", "body")


def angular_velocity(R: ArrayLike, Rdot: ArrayLike, frame: str = "spatial",
                     tol: float = 1e-6) -> np.ndarray:
    """Angular velocity of a rotating frame from ``R`` and its time derivative.

    Differentiating ``R^T R = I`` shows that ``Rdot R^T`` and ``R^T Rdot``
    are skew-symmetric, so each is the hat matrix of one vector:

    ``frame="spatial"``
        ``omega_s = vee(Rdot R^T)``, in world coordinates: a point fixed in
        the body, at ``x = R p`` in the world, moves with velocity
        ``omega_s x x`` (cross product).
    ``frame="body"``
        ``omega_b = vee(R^T Rdot)``, the same vector in body coordinates:
        ``omega_s = R omega_b``.

    A derivative from finite differences is skew only up to its error, so the
    skew-symmetric part is used, after checking that the symmetric part is
    at most ``tol`` times ``max(1, ||Rdot||)``.

    Parameters
    ----------
    R : array_like, shape (3, 3)
        A rotation matrix (see :func:`check_rotation`).
    Rdot : array_like, shape (3, 3)
        Its derivative with respect to time.
    frame : {"spatial", "body"}, default "spatial"
        Which version to return.
    tol : float, default 1e-6
        Largest accepted relative size of the symmetric part of
        ``Rdot R^T`` (Frobenius norms).

    Returns
    -------
    numpy.ndarray, shape (3,)

    Raises
    ------
    ValueError
        If ``R`` is not a rotation, ``Rdot`` is not a finite 3 x 3 matrix,
        ``frame`` is not "spatial" or "body", or ``Rdot`` is not the
        derivative of a rotation at ``R`` (``Rdot R^T`` not skew-symmetric).

    Examples
    --------
    Turning about z at 2 rad/s: ``Rdot = hat(w) R`` with ``w = (0, 0, 2)``.

    >>> R = exp_so3([0.0, 0.0, 0.5])
    >>> Rdot = hat([0.0, 0.0, 2.0]) @ R
    >>> np.round(angular_velocity(R, Rdot), 12) + 0.0
    array([0., 0., 2.])
    >>> angular_velocity(np.eye(3), np.eye(3))
    Traceback (most recent call last):
    ...
    ValueError: Rdot is not the derivative of a rotation at R: Rdot R^T has a symmetric part of norm 1.73205 (relative 1, at most 1e-06 allowed)
    """
    R = check_rotation(R, "R")
    Rdot = as_matrix(Rdot, "Rdot", shape=(3, 3))
    frame = check_choice(frame, "frame", ANGULAR_VELOCITY_FRAMES)
    tol = _check_tol(tol)
    M = Rdot @ R.T if frame == "spatial" else R.T @ Rdot
    symmetric = 0.5 * (M + M.T)
    size = float(np.linalg.norm(symmetric))
    relative = size / max(1.0, float(np.linalg.norm(Rdot)))
    if relative > tol:
        product = "Rdot R^T" if frame == "spatial" else "R^T Rdot"
        raise ValueError(
            f"Rdot is not the derivative of a rotation at R: {product} has a symmetric part "
            f"of norm {size:.6g} (relative {relative:.6g}, at most {tol:.6g} allowed)"
        )
    W = 0.5 * (M - M.T)
    return np.array([W[2, 1], W[0, 2], W[1, 0]])
