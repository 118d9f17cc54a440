"""Serial arms: forward kinematics, the Jacobian, inverse kinematics.

Chapter 7 uses :class:`PlanarArm`: n rigid links in the plane, joined end
to end by revolute joints, the first joint at the origin. Robots in three
dimensions use :class:`SpatialArm` (product of exponentials, a 6 x n
geometric Jacobian; its docstring states the conventions). The notes below
are about :class:`PlanarArm`.

.. rubric:: Conventions

* Joint angles are *relative*: ``q[0]`` is measured from the +x axis,
  ``q[i]`` from the direction of the previous link. Link k therefore points
  along the absolute angle ``phi_k = q_1 + ... + q_k`` and the end effector is
  at ``p(q) = sum_k l_k (cos phi_k, sin phi_k)``.
* The Jacobian is position-only, 2 x n. Column i is ``dp/dq_i =
  sum_{k >= i} l_k (-sin phi_k, cos phi_k)``: turning joint i swings every
  link beyond it. A joint velocity ``qdot`` moves the end effector at
  ``v = J(q) qdot``.
* The arm is singular where J loses rank: for two links ``det J = l1 l2 sin
  q2``, zero when the arm is straight or folded back.

.. rubric:: Inverse kinematics

:meth:`PlanarArm.ik` moves the joints by ``q <- q + dq`` to drive the error
``e = target - p(q)`` to zero, with one of three updates:

``"transpose"``
    ``dq = alpha J^T e``, a step along minus the gradient of ``|e|^2 / 2``,
    with ``alpha = <e, J J^T e> / |J J^T e|^2``: the alpha for which the
    predicted change ``J dq`` comes closest to ``e``. Cheap, no inverse, but
    convergence is slow (linear, and slower the worse J is conditioned).
``"pinv"``
    ``dq = J^+ e``, the shortest ``dq`` with ``J dq`` closest to ``e``
    (``numpy.linalg.pinv`` with ``rcond=PINV_RCOND``). Along a singular
    direction of J with singular value sigma the step is ``(u . e) / sigma``:
    near a singularity (sigma tiny but not zero) the joints are told to spin
    huge angles. The pseudo-inverse handles rank *loss* (sigma = 0 is cut
    off), not *near* loss.
``"dls"``, damped least squares (the default)
    ``dq = J^T (J J^T + lambda^2 I)^-1 e`` (a 2 x 2 solve), which minimises
    ``|J dq - e|^2 + lambda^2 |dq|^2``. The factor ``1 / sigma`` becomes
    ``sigma / (sigma^2 + lambda^2) <= 1 / (2 lambda)``, so every step obeys
    ``|dq| <= |e| / (2 lambda)`` however close the arm is to a singularity.
    Safeguard: a step that would not reduce ``|e|`` is retried with lambda
    doubled (the Levenberg-Marquardt rule; the bound above still holds).
    Without it, fixed damping makes the arm swing about the straight pose
    when the target is out of reach by more than a few ``lambda^2`` (about
    ``4 lambda^2`` for two unit links); with it, the arm ends straight,
    pointing at the target, ``|target| - reach`` short of it.

Every iterate after ``q0`` is reduced modulo 2 pi to ``[-pi, pi)`` (the
same pose), so q stays bounded even when ``"pinv"`` asks for a step of
thousands of radians. An unreachable target (``|target| > reach``) is
reported as not converged, with its residual, never raised.

.. rubric:: Examples

>>> import numpy as np
>>> arm = PlanarArm([1.0, 1.0])
>>> np.round(arm.forward([np.pi / 2, 0.0]), 12)  # straight up
array([0., 2.])
>>> res = arm.ik([1.2, 0.9], q0=[0.3, 0.5])
>>> res.converged, res.iterations
(True, 8)
>>> bool(np.allclose(arm.forward(res.q), [1.2, 0.9], atol=1e-10))
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from companion._checks import as_vector, check_choice, check_count, check_positive

__all__ = ["AXIS_TOL", "IK_METHODS", "PINV_RCOND", "POLE_TOL", "IKResult", "LimbPose", "PlanarArm", "Pose",
           "SpatialArm", "SpatialIKResult", "two_bone_ik"]

IK_METHODS = ("dls", "pinv", "transpose")

#: Singular values below ``PINV_RCOND * sigma_max`` count as zero in
#: ``"pinv"`` (NumPy's default). Deliberately tiny: the book shows what the
#: pseudo-inverse does with a small but nonzero singular value.
PINV_RCOND = 1e-15

_EPS = float(np.finfo(float).eps)
# lambda doubled 60 times is 1e18 lambda: the damped step is then far below
# rounding, so a step that still does not reduce |e| never will.
_MAX_DOUBLINGS = 60


@dataclass(frozen=True, eq=False)
class IKResult:
    """The outcome of :meth:`PlanarArm.ik`. Arrays are read-only.

    Attributes
    ----------
    q : numpy.ndarray
        Final joint angles, shape ``(n,)`` (the last row of ``history``).
    converged : bool
        True if ``error < tol``.
    iterations : int
        Steps taken; ``len(history) == iterations + 1``.
    history : numpy.ndarray
        Joint angles of every iterate, ``q0`` first, shape
        ``(iterations + 1, n)``.
    error : float
        ``|target - forward(q)|`` at the final q.
    errors : numpy.ndarray
        The error at every iterate, shape ``(iterations + 1,)``.
    step_norms : numpy.ndarray
        ``|dq|`` of every step taken (before the reduction modulo 2 pi),
        shape ``(iterations,)``: the joint speeds of the chapter's comparison.
    reason : str
        ``"converged: |e| < tol"``, ``"maxiter reached"``, or
        ``"stalled: no step reduces |e| (a stationary point of |e|^2)"``
        (e.g. an out-of-reach target once the arm points at it).
    method : str
        The update used: ``"dls"``, ``"pinv"`` or ``"transpose"``.
    """

    q: np.ndarray
    converged: bool
    iterations: int
    history: np.ndarray = field(repr=False)
    error: float
    errors: np.ndarray = field(repr=False)
    step_norms: np.ndarray = field(repr=False)
    reason: str
    method: str



def _wrap(q: np.ndarray) -> np.ndarray:
    """Angles reduced modulo 2 pi to [-pi, pi)."""
    return (q + math.pi) % (2 * math.pi) - math.pi


def _frozen(values: list) -> np.ndarray:
    arr = np.array(values, dtype=float)
    arr.flags.writeable = False
    return arr


@dataclass(frozen=True)
class PlanarArm:
    """A planar serial arm with revolute joints and the given link lengths.

    Parameters
    ----------
    lengths : sequence of float
        The n link lengths, base first; positive and finite. Stored as a
        tuple of floats.

    Raises
    ------
    ValueError
        If ``lengths`` is empty, not 1-D, or holds a non-positive or
        non-finite number.
    TypeError
        If ``lengths`` is not a sequence of numbers.

    Examples
    --------
    >>> arm = PlanarArm([2, 1])
    >>> arm.lengths, arm.n, arm.reach
    ((2.0, 1.0), 2, 3.0)
    >>> PlanarArm([1.0, -0.5])
    Traceback (most recent call last):
    ...
    ValueError: lengths must be positive, got [1.0, -0.5]
    """

    lengths: tuple[float, ...]

    def __post_init__(self) -> None:
        if self.lengths is None or isinstance(self.lengths, str):  # NumPy reads None as nan
            raise TypeError(f"lengths must be a sequence of numbers, got {self.lengths!r}")
        values = as_vector(self.lengths, "lengths")
        if values.size == 0:
            raise ValueError("lengths must hold at least one link length, got none")
        if np.any(values <= 0):
            raise ValueError(f"lengths must be positive, got {values.tolist()}")
        object.__setattr__(self, "lengths", tuple(float(v) for v in values))

    @property
    def n(self) -> int:
        """The number of joints (and links)."""
        return len(self.lengths)

    @property
    def reach(self) -> float:
        """The largest distance from the base the end effector can reach."""
        return float(sum(self.lengths))

    def _links(self, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Link vectors l_k (cos phi_k, sin phi_k) as two arrays (x, y)."""
        phi = np.cumsum(q)  # absolute link angles phi_k = q_1 + ... + q_k
        lengths = np.array(self.lengths)
        return lengths * np.cos(phi), lengths * np.sin(phi)

    def _end(self, q: np.ndarray) -> np.ndarray:
        x, y = self._links(q)
        return np.array([x.sum(), y.sum()])

    def _jacobian(self, q: np.ndarray) -> np.ndarray:
        x, y = self._links(q)
        # Suffix sums: column i collects links i, i+1, ..., n-1, since turning
        # joint i rotates each of them by 90 degrees: (x, y) -> (-y, x).
        return np.vstack([-np.cumsum(y[::-1])[::-1], np.cumsum(x[::-1])[::-1]])

    def joints(self, q: Any) -> np.ndarray:
        """Positions of the base, every joint and the end effector.

        Parameters
        ----------
        q : sequence of float
            The n relative joint angles.

        Returns
        -------
        numpy.ndarray
            Shape ``(n + 1, 2)``: row 0 is the base (0, 0), row n the end
            effector. Ready for ``plt.plot(*arm.joints(q).T)``.

        Examples
        --------
        >>> import numpy as np
        >>> np.round(PlanarArm([1.0, 1.0]).joints([0.0, np.pi / 2]), 12)
        array([[0., 0.],
               [1., 0.],
               [1., 1.]])
        """
        x, y = self._links(as_vector(q, "q", dim=self.n))
        return np.vstack([np.zeros(2), np.cumsum(np.column_stack([x, y]), axis=0)])

    def forward(self, q: Any) -> np.ndarray:
        """End-effector position p(q), shape ``(2,)``.

        Examples
        --------
        >>> import numpy as np
        >>> PlanarArm([1.0, 2.0, 0.5]).forward([0.0, 0.0, 0.0])
        array([3.5, 0. ])
        """
        return self._end(as_vector(q, "q", dim=self.n))

    def jacobian(self, q: Any) -> np.ndarray:
        """Position Jacobian dp/dq, shape ``(2, n)``.

        Column i is ``sum_{k >= i} l_k (-sin phi_k, cos phi_k)``: the
        end-effector velocity when joint i alone turns at unit speed.

        Examples
        --------
        >>> import numpy as np
        >>> J = PlanarArm([1.0, 1.0]).jacobian([0.0, np.pi / 2])
        >>> np.round(J, 12)
        array([[-1., -1.],
               [ 1.,  0.]])
        >>> round(float(np.linalg.det(J)), 12)  # l1 l2 sin q2
        1.0
        """
        return self._jacobian(as_vector(q, "q", dim=self.n))

    def manipulability(self, q: Any) -> float:
        """Yoshikawa's manipulability ``sqrt(det(J J^T))``.

        It is the area of the velocity ellipse ``{J qdot : |qdot| <= 1}``
        divided by pi, the product of the two singular values of J, and 0 at
        a singular pose (always, for one link). For two links it is
        ``|l1 l2 sin q2|``.

        Computed by the Cauchy-Binet formula ``det(J J^T) = sum_{i<j} (c_i x
        c_j)^2`` over pairs of columns, with ``c_i x c_j = sum_{k<j<=m} l_k
        l_m sin(phi_m - phi_k)`` and ``phi_m - phi_k = q_{k+1} + ... + q_m``
        summed from q directly: accurate to rounding *relative* to the
        result even next to a singularity, and exactly 0 for a straight arm
        (a determinant or an SVD leaves an absolute error of order 1e-16).

        Examples
        --------
        >>> import numpy as np
        >>> arm = PlanarArm([2.0, 1.0])
        >>> round(arm.manipulability([0.3, np.pi / 2]), 12)  # |l1 l2 sin q2|
        2.0
        >>> arm.manipulability([0.3, 0.0])  # straight: singular
        0.0
        >>> print(f"{arm.manipulability([0.3, 1e-9]):.6e}")  # 2 sin(1e-9)
        2.000000e-09
        """
        q = as_vector(q, "q", dim=self.n)
        lengths = np.array(self.lengths)
        n = self.n
        # turn[k, m] = q_{k+1} + ... + q_m (k < m), the angle from link k to m.
        turn = np.zeros((n, n))
        for k in range(n - 1):
            turn[k, k + 1:] = np.cumsum(q[k + 1:])
        area = np.outer(lengths, lengths) * np.sin(turn)
        total = 0.0
        for j in range(1, n):
            for i in range(j):
                total += float(area[i:j, j:].sum()) ** 2
        return math.sqrt(total)

    def _update(self, J: np.ndarray, e: np.ndarray, method: str, damping: float) -> np.ndarray:
        if method == "pinv":
            return np.linalg.pinv(J, rcond=PINV_RCOND) @ e
        if method == "dls":
            return J.T @ np.linalg.solve(J @ J.T + damping**2 * np.eye(2), e)
        JJte = J @ (J.T @ e)
        size = float(JJte @ JJte)
        return np.zeros(self.n) if size == 0 else (float(e @ JJte) / size) * (J.T @ e)

    def ik(self, target: Any, q0: Any, method: str = "dls", *, damping: float = 0.1,
           tol: float = 1e-10, maxiter: int = 500, step: float = 1.0,
           max_step: float | None = None) -> IKResult:
        """Joint angles that put the end effector at ``target``, iteratively.

        Parameters
        ----------
        target : sequence of float
            The desired end-effector position (x, y).
        q0 : sequence of float
            The starting joint angles, n numbers. Avoid a singular start
            (straight arm): there ``J^T e`` may vanish and no method moves.
        method : {"dls", "pinv", "transpose"}
            The update; see the module docstring.
        damping : float, optional
            lambda of ``"dls"`` (ignored by the other methods); every dls
            step obeys ``|dq| <= |e| / (2 damping)``.
        tol : float, optional
            Converged when ``|target - forward(q)| < tol``.
        maxiter : int, optional
            The most steps to take. 500 lets ``"transpose"`` converge on the
            book's examples; ``"dls"`` and ``"pinv"`` need tens for targets
            well inside the reach. Near the rim of the workspace ``"dls"``
            needs far more: the smaller singular value sigma of J shrinks
            like the square root of the distance d to the rim, damping keeps
            the fraction lambda^2 / (sigma^2 + lambda^2) of the error along
            it at each step, and the count grows roughly like 1/d. Measured
            (default damping and tol) for ``PlanarArm([1, 1])`` from
            q0 = (0.3, 0.5), targets at distance reach - d in three
            directions: 11-14 steps at d = 0.1, 34-37 at 1e-2, 213-216 at
            1e-3, 918-921 at 2e-4, about 14,400 at 1e-5, while ``"pinv"``
            took 6-15 throughout; ``PlanarArm([1, 0.8, 0.6])`` from
            (0.3, 0.5, 0.4) took up to 1,461 at 2e-4. With the default
            ``maxiter`` such a run ends not converged: raise ``maxiter``,
            lower ``damping`` or finish with ``"pinv"``.
        step : float, optional
            Gain: every update dq is multiplied by it (1 = the full step).
        max_step : float, optional
            If given, a step longer than this is shortened to it. None (the
            default) clamps nothing, so the raw behaviour of each update
            shows.

        Returns
        -------
        IKResult
            ``converged`` is False, with the final ``error`` (the residual),
            when the target is out of reach or ``maxiter`` ran out.

        Raises
        ------
        ValueError
            If ``target`` does not have 2 components or ``q0`` n, either is
            not finite, ``method`` is unknown, ``damping``, ``tol``, ``step``
            or ``max_step`` is not a positive number, or ``maxiter`` is not a
            positive integer.
        TypeError
            If an argument is not a number (or a sequence of numbers), or
            ``maxiter`` is not an integer.

        Examples
        --------
        >>> import numpy as np
        >>> arm = PlanarArm([1.0, 1.0])
        >>> for method in IK_METHODS:
        ...     res = arm.ik([1.2, 0.9], q0=[0.3, 0.5], method=method)
        ...     print(method, res.converged, res.iterations, res.error < 1e-10)
        dls True 8 True
        pinv True 5 True
        transpose True 30 True

        Out of reach, dls ends with the arm straight, pointing at the target,
        short by ``|target| - reach``:

        >>> res = arm.ik([3.0, 0.0], q0=[0.2, 0.4])
        >>> res.converged, round(res.error, 12), bool(np.allclose(res.q, 0, atol=1e-6))
        (False, 1.0, True)
        >>> res.reason
        'stalled: no step reduces |e| (a stationary point of |e|^2)'
        """
        target = as_vector(target, "target", dim=2)
        q = as_vector(q0, "q0", dim=self.n)
        method = check_choice(method, "method", IK_METHODS)
        damping = check_positive(damping, "damping")
        tol = check_positive(tol, "tol")
        maxiter = check_count(maxiter, "maxiter")
        step = check_positive(step, "step")
        if max_step is not None:
            max_step = check_positive(max_step, "max_step")

        history, step_norms = [q], []
        e = target - self._end(q)
        error = float(np.linalg.norm(e))
        errors = [error]
        reason = "maxiter reached"
        for _ in range(maxiter):
            if error < tol:
                reason = "converged: |e| < tol"
                break
            J = self._jacobian(q)
            lam = damping
            for _doubling in range(_MAX_DOUBLINGS + 1):
                dq = step * self._update(J, e, method, lam)
                size = float(np.linalg.norm(dq))
                if max_step is not None and size > max_step:
                    dq, size = dq * (max_step / size), max_step
                new_e = target - self._end(q + dq)
                new_error = float(np.linalg.norm(new_e))
                # Only dls is safeguarded: the others show their raw behaviour.
                if method != "dls" or new_error < error:
                    break
                lam *= 2
            else:
                size = 0.0
            if size <= _EPS * (1 + float(np.linalg.norm(q))):
                reason = "stalled: no step reduces |e| (a stationary point of |e|^2)"
                break
            q = _wrap(q + dq)
            e, error = new_e, new_error
            history.append(q)
            errors.append(error)
            step_norms.append(size)
        else:
            if error < tol:
                reason = "converged: |e| < tol"
        path = _frozen(history)
        return IKResult(q=path[-1], converged=reason.startswith("converged"),
                        iterations=len(path) - 1, history=path, error=errors[-1],
                        errors=_frozen(errors), step_norms=_frozen(step_norms),
                        reason=reason, method=method)


# ---------------------------------------------------------------------------
# Spatial serial arms
# ---------------------------------------------------------------------------

#: Largest accepted ``| |omega_i| - 1 |`` for a joint axis of :class:`SpatialArm`.
AXIS_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class Pose:
    """Where a rigid body is: its orientation ``R`` and its position ``p``.

    Attributes
    ----------
    R : numpy.ndarray, shape (3, 3)
        Rotation matrix: its columns are the body's axes in world
        coordinates. Read-only.
    p : numpy.ndarray, shape (3,)
        Position of the body's reference point in world coordinates.
        Read-only.
    """

    R: np.ndarray
    p: np.ndarray

    @property
    def matrix(self) -> np.ndarray:
        """The 4 x 4 homogeneous transform ``[[R, p], [0, 1]]``."""
        T = np.eye(4)
        T[:3, :3], T[:3, 3] = self.R, self.p
        return T


def _joint_transform(axis: np.ndarray, point: np.ndarray, angle: float) -> np.ndarray:
    """exp([S] angle) for a revolute joint: a turn by ``angle`` about the line
    through ``point`` along the unit vector ``axis``: x -> R x + (I - R) point."""
    from .rotations import exp_so3

    R = exp_so3(angle * axis)
    T = np.eye(4)
    T[:3, :3] = R
    T[:3, 3] = point - R @ point
    return T


@dataclass(frozen=True, eq=False)
class SpatialArm:
    """A spatial serial arm with revolute joints, by the product of exponentials.

    .. rubric:: Convention (product of exponentials, space frame)

    In the *home configuration* (all joint angles 0) joint i turns about
    the line through the point ``q_i`` (``points[i]``) along the unit vector
    ``omega_i`` (``axes[i]``), both in world coordinates, and the hand's
    frame is ``M`` (``home``, a 4 x 4 homogeneous transform). Turning joint
    i alone by ``theta`` moves everything beyond it by the rigid motion
    ``exp([S_i] theta): x -> R x + (I - R) q_i`` with
    ``R = exp_so3(theta omega_i)`` (``S_i`` is the joint's screw axis). The
    hand's pose at ``q`` is

    ``T(q) = exp([S_1] q_1) exp([S_2] q_2) ... exp([S_n] q_n) M``,

    applied right to left: the joint nearest the hand turns first, and each
    joint carries the ones beyond it. Angles follow the right-hand rule
    about ``omega_i``.

    .. rubric:: Geometric Jacobian (space frame, at the hand point)

    :meth:`jacobian` returns the 6 x n matrix whose column i is
    ``(z_i x (p - p_i), z_i)``: **linear velocity of the hand point on top
    (rows 0-2), angular velocity below (rows 3-5)**, both in world
    coordinates. Here ``p`` is the hand point, ``z_i`` joint i's current
    axis and ``p_i`` the current position of the point ``q_i`` (on joint
    i's axis). So ``(pdot, omega) = J(q) qdot``, with ``omega =
    vee(Rdot R^T)`` the spatial angular velocity of the hand.

    Parameters
    ----------
    axes : array_like, shape (n, 3)
        Unit joint axes ``omega_i`` in the home configuration.
    points : array_like, shape (n, 3)
        One point ``q_i`` on each joint's axis in the home configuration.
    home : array_like, shape (4, 4)
        The hand's frame ``M`` at ``q = 0``: ``[[R, p], [0, 0, 0, 1]]`` with
        ``R`` a rotation matrix.

    Raises
    ------
    ValueError
        If the shapes disagree, an entry is not finite, an axis is zero or
        not a unit vector (within ``AXIS_TOL``), or ``home`` is not a rigid
        transform.

    Examples
    --------
    One joint about z at the origin, the hand at (1, 0, 0): a quarter turn
    takes it to (0, 1, 0).

    >>> arm = SpatialArm([[0, 0, 1]], [[0, 0, 0]], np.array([[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]))
    >>> np.round(arm.pose([np.pi / 2]).p, 12) + 0.0
    array([0., 1., 0.])
    >>> SpatialArm([[0, 0, 2]], [[0, 0, 0]], np.eye(4))
    Traceback (most recent call last):
    ...
    ValueError: axes[0] must be a unit vector, got (0.0, 0.0, 2.0) of norm 2
    """

    axes: np.ndarray
    points: np.ndarray
    home: np.ndarray

    def __post_init__(self) -> None:
        from ._checks import as_matrix
        from .rotations import check_rotation

        axes = as_matrix(self.axes, "axes", shape=(None, 3))
        n = axes.shape[0]
        if n == 0:
            raise ValueError("axes must hold at least one joint axis, got none")
        points = as_matrix(self.points, "points", shape=(n, 3))
        home = as_matrix(self.home, "home", shape=(4, 4))
        for i, w in enumerate(axes):
            size = float(np.linalg.norm(w))
            if size == 0.0:
                raise ValueError(f"axes[{i}] is the zero vector; a joint axis must be a unit vector")
            if abs(size - 1.0) > AXIS_TOL:
                shown = ", ".join(repr(float(v)) for v in w)
                raise ValueError(f"axes[{i}] must be a unit vector, got ({shown}) of norm {size:g}")
        if not np.array_equal(home[3], [0.0, 0.0, 0.0, 1.0]):
            raise ValueError(f"home must be a homogeneous transform with last row (0, 0, 0, 1), got {home[3].tolist()}")
        check_rotation(home[:3, :3], "home[:3, :3]")
        for name, value in (("axes", axes), ("points", points), ("home", home)):
            value = value.copy()
            value.flags.writeable = False
            object.__setattr__(self, name, value)

    # Ready-made arms -----------------------------------------------------

    @classmethod
    def six_joint(cls) -> "SpatialArm":
        """A 6-joint industrial-style arm with a spherical wrist (round numbers, metres).

        Joint 1 turns about the vertical z axis through the origin (the
        waist); joints 2 and 3 (shoulder and elbow) about horizontal axes
        along -y, at heights 0.5 and 1.0, so that positive angles lift the
        arm. In the home configuration the upper arm points up (0.5 m) and
        the forearm forward along +x (0.5 m) to the *wrist centre*
        ``c = (0.5, 0, 1)``. Joints 4, 5 and 6 turn about x, -y and x,
        three axes through ``c``: a spherical wrist. The hand point is 0.1 m
        beyond ``c`` along x, and the hand's frame at home has its z axis
        (the approach direction) along world +x and its x axis along world
        -z.

        At home joints 4 and 6 are aligned (``q_5 = 0``): the home
        configuration is a wrist singularity. The numbers are round, of
        the size of a small industrial arm, not those of a real product.

        Examples
        --------
        >>> arm = SpatialArm.six_joint()
        >>> arm.n, np.round(arm.pose(np.zeros(6)).p, 12) + 0.0
        (6, array([0.6, 0. , 1. ]))
        """
        c = [0.5, 0.0, 1.0]
        axes = [[0, 0, 1], [0, -1, 0], [0, -1, 0], [1, 0, 0], [0, -1, 0], [1, 0, 0]]
        points = [[0, 0, 0], [0, 0, 0.5], [0, 0, 1.0], c, c, c]
        home = np.array([[0.0, 0, 1, 0.6], [0, 1, 0, 0], [-1, 0, 0, 1.0], [0, 0, 0, 1]])
        return cls(np.array(axes, dtype=float), np.array(points, dtype=float), home)

    @classmethod
    def seven_joint(cls) -> "SpatialArm":
        """A 7-joint human-like arm: shoulder 3, elbow 1, wrist 3 (metres).

        The shoulder is at the origin with three axes through it: z, y and
        x (the last along the upper arm, which turns it about its length).
        In the home configuration the arm is stretched sideways along +x:
        upper arm 0.3 m to the elbow at (0.3, 0, 0), whose axis is y, forearm
        0.25 m to the wrist at (0.55, 0, 0), whose three axes through it are
        x (along the forearm), z and y. The hand point is 0.08 m beyond the
        wrist along x; the hand's frame at home is the world frame.

        Seven joints for a six-dimensional pose: the arm is *redundant*, and
        its 6 x 7 Jacobian has a null space (the elbow can swing about the
        shoulder-wrist line while the hand stays put). The stretched home
        pose is singular (the elbow is straight); bend it to use it.

        Examples
        --------
        >>> arm = SpatialArm.seven_joint()
        >>> arm.n, arm.jacobian(np.full(7, 0.3)).shape
        (7, (6, 7))
        """
        shoulder, elbow, wrist = [0.0, 0, 0], [0.3, 0, 0], [0.55, 0, 0]
        axes = [[0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]
        points = [shoulder, shoulder, shoulder, elbow, wrist, wrist, wrist]
        home = np.eye(4)
        home[0, 3] = 0.63
        return cls(np.array(axes, dtype=float), np.array(points, dtype=float), home)

    @classmethod
    def planar(cls, lengths: Any) -> "SpatialArm":
        """The :class:`PlanarArm` with these link lengths, as a spatial arm.

        Every axis is z; joint i sits at ``(l_1 + ... + l_{i-1}, 0, 0)`` and
        the hand at ``(l_1 + ... + l_n, 0, 0)`` with the world's orientation.
        The joint angles are then PlanarArm's relative angles, and the rows
        (x, y, omega_z) of :meth:`jacobian` are PlanarArm's Jacobian with a
        row of ones below it (the other three rows are 0).

        Examples
        --------
        >>> arm = SpatialArm.planar([1.0, 1.0])
        >>> np.round(arm.jacobian([0.0, np.pi / 2])[[0, 1, 5]], 12) + 0.0
        array([[-1., -1.],
               [ 1.,  0.],
               [ 1.,  1.]])
        """
        lengths = PlanarArm(lengths).lengths
        starts = np.concatenate([[0.0], np.cumsum(lengths)])
        points = np.column_stack([starts[:-1], np.zeros((len(lengths), 2))])
        axes = np.tile([0.0, 0.0, 1.0], (len(lengths), 1))
        home = np.eye(4)
        home[0, 3] = starts[-1]
        return cls(axes, points, home)

    # Kinematics ----------------------------------------------------------

    @property
    def n(self) -> int:
        """The number of joints."""
        return int(self.axes.shape[0])

    def _angles(self, q: Any) -> np.ndarray:
        return as_vector(q, "q", dim=self.n)

    def _chain(self, q: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
        """Partial products T_i = exp([S_1] q_1)...exp([S_i] q_i), i = 0..n, and T(q)."""
        partial = [np.eye(4)]
        for w, point, angle in zip(self.axes, self.points, q):
            partial.append(partial[-1] @ _joint_transform(w, point, float(angle)))
        return partial, partial[-1] @ self.home

    def forward(self, q: Any) -> np.ndarray:
        """The hand's pose as a 4 x 4 homogeneous transform ``T(q)``.

        ``T(q) = exp([S_1] q_1) ... exp([S_n] q_n) M``; its upper-left
        3 x 3 block is the hand's orientation, its last column the hand
        point (see :meth:`pose`).

        Parameters
        ----------
        q : sequence of float
            The n joint angles in radians.

        Returns
        -------
        numpy.ndarray, shape (4, 4)

        Raises
        ------
        ValueError
            If ``q`` does not have n components or is not finite.

        Examples
        --------
        >>> arm = SpatialArm.six_joint()
        >>> np.round(arm.forward([np.pi / 2, 0, 0, 0, 0, 0]), 12) + 0.0
        array([[ 0. , -1. ,  0. ,  0. ],
               [ 0. ,  0. ,  1. ,  0.6],
               [-1. ,  0. ,  0. ,  1. ],
               [ 0. ,  0. ,  0. ,  1. ]])
        >>> arm.forward([0.1, 0.2])
        Traceback (most recent call last):
        ...
        ValueError: q must have 6 components, got 2
        """
        return self._chain(self._angles(q))[1]

    def pose(self, q: Any) -> Pose:
        """The hand's orientation and position as a :class:`Pose` ``(R, p)``.

        Examples
        --------
        >>> hand = SpatialArm.six_joint().pose(np.zeros(6))
        >>> hand.R[:, 2], hand.p  # approach direction and hand point
        (array([1., 0., 0.]), array([0.6, 0. , 1. ]))
        """
        T = self.forward(q)
        R, p = T[:3, :3].copy(), T[:3, 3].copy()
        R.flags.writeable = False
        p.flags.writeable = False
        return Pose(R=R, p=p)

    def joint_axes(self, q: Any) -> tuple[np.ndarray, np.ndarray]:
        """Current joint points ``p_i`` and unit axes ``z_i`` in world coordinates.

        ``p_i = T_{i-1} q_i`` and ``z_i = R_{i-1} omega_i``, where
        ``T_{i-1} = exp([S_1] q_1) ... exp([S_{i-1}] q_{i-1})`` (with
        rotation part ``R_{i-1}``) is the motion of the joints before i:
        joint i is carried by them and not by its own turn.

        Returns
        -------
        (numpy.ndarray, numpy.ndarray)
            ``points`` and ``axes``, each of shape ``(n, 3)``.

        Examples
        --------
        >>> points, axes = SpatialArm.six_joint().joint_axes([np.pi / 2, 0, 0, 0, 0, 0])
        >>> np.round(axes[1], 12) + 0.0, np.round(points[3], 12) + 0.0
        (array([1., 0., 0.]), array([0. , 0.5, 1. ]))
        """
        return self._axes_from(self._chain(self._angles(q))[0])

    def _axes_from(self, partial: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        points = np.array([T[:3, :3] @ point + T[:3, 3] for T, point in zip(partial, self.points)])
        axes = np.array([T[:3, :3] @ w for T, w in zip(partial, self.axes)])
        return points, axes

    def joints(self, q: Any) -> np.ndarray:
        """Positions of the joint points and the hand point, shape ``(n + 1, 3)``.

        Rows 0..n-1 are the current ``p_i`` (see :meth:`joint_axes`), row n
        the hand point: ready for drawing the arm as a polyline.

        Examples
        --------
        >>> np.round(SpatialArm.seven_joint().joints(np.zeros(7))[[0, 3, 4, 7]], 12) + 0.0
        array([[0.  , 0.  , 0.  ],
               [0.3 , 0.  , 0.  ],
               [0.55, 0.  , 0.  ],
               [0.63, 0.  , 0.  ]])
        """
        partial, T = self._chain(self._angles(q))
        return np.vstack([self._axes_from(partial)[0], T[:3, 3]])

    def jacobian(self, q: Any) -> np.ndarray:
        """Geometric Jacobian in the space frame at the hand point, shape ``(6, n)``.

        Column i is ``(z_i x (p - p_i), z_i)``: when joint i alone turns at
        unit speed, the hand turns about joint i's axis, so its angular
        velocity is ``z_i`` and the hand point, at ``p - p_i`` from a point
        of the axis, moves with ``z_i x (p - p_i)``. Rows 0-2: linear
        velocity of the hand point; rows 3-5: angular velocity
        ``vee(Rdot R^T)``; all in world coordinates.

        Examples
        --------
        >>> J = SpatialArm.six_joint().jacobian(np.zeros(6))
        >>> np.round(J, 12) + 0.0
        array([[ 0. , -0.5,  0. ,  0. ,  0. ,  0. ],
               [ 0.6,  0. ,  0. ,  0. ,  0. ,  0. ],
               [ 0. ,  0.6,  0.6,  0. ,  0.1,  0. ],
               [ 0. ,  0. ,  0. ,  1. ,  0. ,  1. ],
               [ 0. , -1. , -1. ,  0. , -1. ,  0. ],
               [ 1. ,  0. ,  0. ,  0. ,  0. ,  0. ]])
        """
        partial, T = self._chain(self._angles(q))
        points, axes = self._axes_from(partial)
        linear = np.cross(axes, T[:3, 3] - points)
        return np.vstack([linear.T, axes.T])

    def manipulability(self, q: Any) -> float:
        """Yoshikawa's manipulability ``sqrt(det(J J^T))`` of the 6 x n Jacobian.

        The product of the six singular values of J (0 when J has rank
        below 6, always when n < 6); for n = 6 it is ``|det J|``. It mixes
        metres (linear rows) and radians (angular rows), so compare values
        of one arm, not of arms of different sizes. Computed from the
        singular values: near a singularity the result carries an
        absolute error of about 1e-16 times the other singular values.

        Examples
        --------
        >>> arm = SpatialArm.six_joint()
        >>> q = [0.3, 0.2, -0.4, 0.5, 0.7, -0.2]
        >>> bool(np.isclose(arm.manipulability(q), abs(np.linalg.det(arm.jacobian(q))), rtol=1e-12))
        True
        >>> arm.manipulability(np.zeros(6)) < 1e-15  # home: a wrist singularity
        True
        """
        J = self.jacobian(q)
        if J.shape[1] < 6:
            return 0.0
        return float(np.prod(np.linalg.svd(J, compute_uv=False)))

    # Inverse kinematics --------------------------------------------------

    def ik(self, target: Any, q0: Any, *, damping: float = 0.1, tol: float = 1e-10,
           maxiter: int = 100, rest: Any = None, rest_gain: float = 0.5,
           position_only: bool = False) -> "SpatialIKResult":
        """Joint angles that put the hand at the pose ``target``, by damped least squares.

        .. rubric:: The 6-D error (space frame, linear part on top)

        At the current pose ``(R, p)`` and the target ``(R_t, p_t)`` the
        error is ``e = (p_t - p, log(R_t R^T))``: the hand point's offset and
        the rotation vector (:func:`companion.rotations.log_so3`) of the
        rotation ``R_t R^T`` that would carry the current orientation onto
        the target's, *written in world coordinates*. This matches the rows
        of :meth:`jacobian`, whose angular rows are the spatial angular
        velocity ``omega = vee(Rdot R^T)``: with ``E = R_t R^T``,
        ``Edot = -E hat(omega)``, so near ``E = I`` the rotation vector of
        ``E`` changes at the rate ``-omega``, and ``e`` changes at the rate
        ``-J qdot`` (the position part exactly so). A joint step ``dq``
        with ``J dq = e`` therefore cancels ``e`` to first order. (The body
        frame version would pair ``log(R^T R_t)`` with the body Jacobian.)
        ``|e|`` mixes metres and radians; the convergence test below keeps
        them apart.

        .. rubric:: The update

        ``dq = J^T (J J^T + lambda_k^2 I)^-1 e`` (damped least squares, a
        6 x 6 solve), the ``dq`` that minimises ``|J dq - e|^2 +
        lambda_k^2 |dq|^2``, so ``|dq| <= |e| / (2 lambda_k)``. The damping
        adapts to the error: ``lambda_k = damping * sqrt(min(1, |e_k|))``.
        Far from the target (``|e| >= 1``) it is ``damping``, which keeps
        steps bounded near singular poses; close to it ``lambda_k^2``
        shrinks like ``|e_k|``, so the part of the error that damping leaves
        behind, about ``lambda_k^2 / (sigma^2 + lambda_k^2)`` along a
        singular direction with singular value ``sigma``, shrinks too and
        the iteration is superlinear: a tolerance of 1e-10 takes a few steps
        more than 1e-3, not hundreds (fixed damping converges linearly).
        The step is still bounded, by ``sqrt(|e_k|) / (2 damping)``.
        Safeguard (Levenberg-Marquardt): a step that does not reduce ``|e|``
        is retried with ``lambda`` doubled, so ``|e|`` decreases at every
        step; when no step does, the run stops as ``"stalled"``.

        .. rubric:: A second task for redundant arms

        With ``rest`` given, every step adds ``N rest_gain (rest - q)``
        (the difference reduced modulo 2 pi), where ``N = I - J^+ J``
        projects onto the null space of J: ``J N = 0``, so to first order
        the added motion moves no part of the hand's pose, only the joints
        (for a 6-joint arm away from singular poses, N = 0). It acts while
        the hand converges and stops with it; if the combined step does
        not reduce ``|e|`` the secondary part is halved first. The pose
        reached is then one of the many solutions, pulled towards ``rest``.

        Parameters
        ----------
        target : Pose or array_like, shape (4, 4)
            The target pose, a :class:`Pose` or a homogeneous transform
            ``[[R_t, p_t], [0, 0, 0, 1]]`` with ``R_t`` a rotation.
        q0 : sequence of float
            The n starting joint angles. Start away from singular poses.
        damping : float, optional
            lambda for ``|e| >= 1`` (see above). Positive.
        tol : float, optional
            Converged when ``|p_t - p| < tol`` (metres) and ``|log(R_t
            R^T)| < tol`` (radians); with ``position_only`` only the first.
        maxiter : int, optional
            The most steps to take.
        rest : sequence of float, optional
            A rest pose for the null-space task (n angles), or None.
        rest_gain : float, optional
            Gain of the null-space task, positive (used only with ``rest``).
        position_only : bool, optional
            If True, the error is ``p_t - p`` alone and the Jacobian its top
            three rows: the hand's orientation ends wherever it lands.

        Returns
        -------
        SpatialIKResult
            ``converged`` False with the final errors (the residual) when the
            target is out of reach, ``maxiter`` ran out or the run stalled.

        Raises
        ------
        ValueError
            If ``target`` is not a 4 x 4 rigid transform (last row not
            (0, 0, 0, 1), rotation block not a rotation: the message says
            how far from orthogonal) or not finite; ``q0`` or ``rest`` does
            not have n finite components; ``damping``, ``tol`` or
            ``rest_gain`` is not a positive number; ``maxiter`` is not a
            positive integer.
        TypeError
            If an argument is not a number (or numbers), or
            ``position_only`` is not a bool.

        Examples
        --------
        >>> arm = SpatialArm.six_joint()
        >>> q_true = np.array([0.4, 0.3, -0.5, 0.6, 0.8, -0.3])
        >>> res = arm.ik(arm.forward(q_true), q0=q_true + 0.3)
        >>> res.converged, res.reason, res.position_error < 1e-10, res.orientation_error < 1e-10
        (True, 'converged', True, True)
        >>> far = arm.pose(q_true).matrix
        >>> far[:3, 3] = [3.0, 0.0, 1.0]  # out of reach
        >>> arm.ik(far, q0=q_true).converged
        False
        """
        from .rotations import check_rotation, log_so3

        if isinstance(target, Pose):
            R_t = check_rotation(target.R, "target.R")
            p_t = as_vector(target.p, "target.p", dim=3)
        else:
            T_t = _as_array(target, "target", (4, 4))
            if not np.array_equal(T_t[3], [0.0, 0.0, 0.0, 1.0]):
                raise ValueError("target must be a homogeneous transform with last row "
                                 f"(0, 0, 0, 1), got {T_t[3].tolist()}")
            R_t = check_rotation(T_t[:3, :3], "target[:3, :3]")
            p_t = T_t[:3, 3].copy()
        q = as_vector(q0, "q0", dim=self.n)
        damping = check_positive(damping, "damping")
        tol = check_positive(tol, "tol")
        maxiter = check_count(maxiter, "maxiter")
        if not isinstance(position_only, (bool, np.bool_)):
            raise TypeError(f"position_only must be True or False, got {position_only!r}")
        if rest is not None:
            rest = as_vector(rest, "rest", dim=self.n)
            rest_gain = check_positive(rest_gain, "rest_gain")
        rows = slice(0, 3) if position_only else slice(0, 6)

        def errors_at(partial_T: np.ndarray) -> tuple[np.ndarray, float, float]:
            e_pos = p_t - partial_T[:3, 3]
            R = partial_T[:3, :3]
            e_rot = log_so3(R_t @ R.T, tol=1e-6)
            e = e_pos if position_only else np.concatenate([e_pos, e_rot])
            return e, float(np.linalg.norm(e_pos)), float(np.linalg.norm(e_rot))

        def done(pos: float, rot: float) -> bool:
            return pos < tol and (position_only or rot < tol)

        e, pos, rot = errors_at(self._chain(q)[1])
        history, errors, step_norms = [q], [(pos, rot)], []
        reason = "maxiter reached"
        for _ in range(maxiter):
            if done(pos, rot):
                reason = "converged"
                break
            J = self.jacobian(q)[rows]
            size_e = float(np.linalg.norm(e))
            lam = damping * math.sqrt(min(1.0, size_e))
            secondary = np.zeros(self.n)
            if rest is not None:
                N = np.eye(self.n) - np.linalg.pinv(J) @ J
                secondary = N @ (rest_gain * _wrap(rest - q))
            eye = np.eye(J.shape[0])
            for _trial in range(2 * _MAX_DOUBLINGS + 1):
                dq = J.T @ np.linalg.solve(J @ J.T + lam**2 * eye, e) + secondary
                new_e, new_pos, new_rot = errors_at(self._chain(q + dq)[1])
                if float(np.linalg.norm(new_e)) < size_e:
                    break
                if np.any(secondary):
                    secondary = secondary / 2 if np.abs(secondary).max() > _EPS else 0 * secondary
                else:
                    lam = 2 * lam if lam > 0 else damping
            else:
                reason = "stalled: no step reduces |e| (a stationary point of |e|^2, e.g. out of reach)"
                break
            size = float(np.linalg.norm(dq))
            if size <= _EPS * (1 + float(np.linalg.norm(q))):
                reason = "stalled: no step reduces |e| (a stationary point of |e|^2, e.g. out of reach)"
                break
            q = _wrap(q + dq)
            e, pos, rot = new_e, new_pos, new_rot
            history.append(q)
            errors.append((pos, rot))
            step_norms.append(size)
        else:
            if done(pos, rot):
                reason = "converged"
        path = _frozen(history)
        return SpatialIKResult(q=path[-1], converged=reason == "converged",
                               iterations=len(path) - 1, position_error=pos,
                               orientation_error=rot, errors=_frozen(errors),
                               history=path, step_norms=_frozen(step_norms), reason=reason)


def _as_array(value: Any, name: str, shape: tuple[int, int]) -> np.ndarray:
    from ._checks import as_matrix

    return as_matrix(value, name, shape=shape)


@dataclass(frozen=True, eq=False)
class SpatialIKResult:
    """The outcome of :meth:`SpatialArm.ik`. Arrays are read-only.

    Attributes
    ----------
    q : numpy.ndarray
        Final joint angles, shape ``(n,)``, each in ``[-pi, pi)``.
    converged : bool
        True if the errors fell below ``tol`` (position and orientation, or
        position alone with ``position_only``).
    iterations : int
        Steps taken; ``len(history) == iterations + 1``.
    position_error : float
        ``|p_t - p|`` at the final q, in the arm's unit of length.
    orientation_error : float
        ``|log(R_t R^T)|`` at the final q: the angle in radians, in
        ``[0, pi]``, of the rotation still between hand and target.
    errors : numpy.ndarray
        Shape ``(iterations + 1, 2)``: the position and orientation errors
        at every iterate, ``q0`` first.
    history : numpy.ndarray
        Joint angles of every iterate, shape ``(iterations + 1, n)``.
    step_norms : numpy.ndarray
        ``|dq|`` of every step taken, shape ``(iterations,)``.
    reason : str
        ``"converged"``, ``"maxiter reached"``, or ``"stalled: ..."`` (no
        damped step reduces the error: a stationary point of ``|e|^2``, as
        for a target out of reach).
    """

    q: np.ndarray
    converged: bool
    iterations: int
    position_error: float
    orientation_error: float
    errors: np.ndarray = field(repr=False)
    history: np.ndarray = field(repr=False)
    step_norms: np.ndarray = field(repr=False)
    reason: str

# ---------------------------------------------------------------------------
# A character's limb: two bones and a pole
# ---------------------------------------------------------------------------

#: :func:`two_bone_ik` refuses a pole whose distance from the root-target
#: line is below ``POLE_TOL`` times its distance from the root.
POLE_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class LimbPose:
    """The pose :func:`two_bone_ik` gives a two-bone limb. Arrays are read-only.

    For an arm the joints are shoulder, elbow and hand; for a leg hip, knee
    and foot. The names below are the arm's.

    Attributes
    ----------
    root : numpy.ndarray, shape (3,)
        The shoulder (or hip), where the upper bone starts.
    elbow : numpy.ndarray, shape (3,)
        The elbow (or knee), ``upper`` from the root.
    hand : numpy.ndarray, shape (3,)
        The hand (or foot), ``lower`` from the elbow: the target itself when
        it is reached.
    bend : float
        The angle between the two bones' directions, in radians: 0 for a
        straight limb, pi for a limb folded back on itself (so the angle
        inside the elbow is ``pi - bend``).
    reached : bool
        True when ``|upper - lower| <= |target - root| <= upper + lower``.
    shortfall : float
        ``|hand - target|``: 0.0 when the target is reached; otherwise the
        limb points straight at the target (too far: stretched, too close:
        folded) and misses it by this much.
    """

    root: np.ndarray
    elbow: np.ndarray
    hand: np.ndarray
    bend: float
    reached: bool
    shortfall: float

    @property
    def points(self) -> np.ndarray:
        """Root, elbow and hand as the rows of a ``(3, 3)`` array (a polyline)."""
        return np.vstack([self.root, self.elbow, self.hand])


def two_bone_ik(root: Any, target: Any, pole: Any, upper: float, lower: float) -> LimbPose:
    """Place a two-bone limb's elbow (or knee) so that its hand (or foot) reaches a target.

    The elbow lies at ``upper`` from ``root`` and ``lower`` from the hand.
    With the hand on the target, those two spheres meet in a circle about
    the root-target line: every point of it is a solution. The **pole**
    picks one: the elbow goes into the plane through root, target and pole,
    on the pole's side of the root-target line.

    Let ``d = |target - root|``, ``u = (target - root) / d`` and ``v`` the
    unit vector along the part of ``pole - root`` perpendicular to ``u``.
    By the law of cosines the elbow sits at

    ``root + x u + h v``, with ``x = (upper^2 + d^2 - lower^2) / (2 d)`` and
    ``h = sqrt(upper^2 - x^2)``,

    and the bend (0 when straight) has ``cos(bend) = (d^2 - upper^2 -
    lower^2) / (2 upper lower)``.

    If ``d > upper + lower`` (beyond rounding, ``8 eps (upper + lower +
    d)``) the target is out of reach: the limb is
    returned straight, pointing at it, with ``reached=False`` and the gap in
    ``shortfall``. If ``d < |upper - lower|`` it is too close: the limb is
    returned folded (``bend = pi``) with its hand on the ray from the root
    through the target, as near to it as the limb gets. Never a silent wrong
    pose.

    Parameters
    ----------
    root, target, pole : array_like, shape (3,)
        The shoulder, the point the hand should reach, and a point the elbow
        should point towards.
    upper, lower : float
        The bone lengths, root to elbow and elbow to hand (positive).

    Returns
    -------
    LimbPose

    Raises
    ------
    ValueError
        If a bone length is not positive and finite, a point does not have 3
        finite coordinates, the target is at the root (no root-target
        direction), or the pole lies on the root-target line (within
        ``POLE_TOL``: the plane through root, target and pole is then
        undefined).

    Examples
    --------
    Bones 0.5 and 0.4, the target 0.6 below the root, the pole in front
    (+y): the elbow comes forward.

    >>> limb = two_bone_ik([0, 0, 0], [0, 0, -0.6], [0, 1, 0], 0.5, 0.4)
    >>> np.round(limb.elbow, 6) + 0.0, round(float(np.cos(limb.bend)), 12)
    (array([ 0.      ,  0.330719, -0.375   ]), -0.125)
    >>> limb.reached, limb.shortfall
    (True, 0.0)
    >>> far = two_bone_ik([0, 0, 0], [0, 0, -1.0], [0, 1, 0], 0.5, 0.4)
    >>> far.reached, round(far.shortfall, 12), far.bend
    (False, 0.1, 0.0)
    >>> two_bone_ik([0, 0, 0], [0, 0, -0.6], [0, 0, 2], 0.5, 0.4)
    Traceback (most recent call last):
    ...
    ValueError: pole lies on the line through root and target: the plane through root, target and pole is undefined
    """
    root = as_vector(root, "root", dim=3)
    target = as_vector(target, "target", dim=3)
    pole = as_vector(pole, "pole", dim=3)
    a = check_positive(upper, "upper")
    b = check_positive(lower, "lower")
    along = target - root
    d = float(np.linalg.norm(along))
    if d == 0.0:
        raise ValueError("target coincides with root: the direction from root to target is undefined")
    u = along / d
    offset = pole - root
    across = offset - (offset @ u) * u
    width = float(np.linalg.norm(across))
    if width <= POLE_TOL * float(np.linalg.norm(offset)) or width == 0.0:
        raise ValueError("pole lies on the line through root and target: "
                         "the plane through root, target and pole is undefined")
    v = across / width

    def frozen(point: np.ndarray) -> np.ndarray:
        point = np.array(point, dtype=float)
        point.flags.writeable = False
        return point

    # A target within rounding of the edge of the reachable shell counts as reached.
    slack = 8.0 * _EPS * (a + b + d)
    if d > a + b + slack:  # out of reach: stretched towards the target
        elbow, hand = root + a * u, root + (a + b) * u
        return LimbPose(frozen(root), frozen(elbow), frozen(hand), 0.0, False, d - (a + b))
    if d < abs(a - b) - slack:  # too close: folded, the hand on the ray towards the target
        elbow, hand = root + a * u, root + (a - b) * u
        if b > a:
            elbow, hand = root - a * u, root + (b - a) * u
        return LimbPose(frozen(root), frozen(elbow), frozen(hand), math.pi, False, abs(a - b) - d)
    x = (a * a + d * d - b * b) / (2.0 * d)
    h = math.sqrt(max((a - x) * (a + x), 0.0))  # a^2 - x^2, accurate near a straight limb
    elbow = root + x * u + h * v
    upper_dir, lower_dir = (elbow - root) / a, (target - elbow) / b
    bend = math.atan2(float(np.linalg.norm(np.cross(upper_dir, lower_dir))), float(upper_dir @ lower_dir))
    return LimbPose(frozen(root), frozen(elbow), frozen(target), bend, True, 0.0)
