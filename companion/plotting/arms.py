"""Planar robot arms: poses drawn as links and joints, the velocity
ellipses of their Jacobians, and inverse-kinematics runs played iteration by
iteration (plotly).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from .style import COLORS

__all__ = ["draw_arm", "velocity_ellipse", "draw_velocity_ellipse", "arm_figure", "ik_frames", "limb_figure",
           "ik_race_figure"]

#: How :func:`ik_race_figure` draws each update rule: legend name, colour, dash, joint marker.
IK_STYLES = {
    "transpose": ("transpose", COLORS["blue"], "solid", "circle"),
    "pinv": ("pinv", COLORS["orange"], "dash", "square"),
    "dls": ("DLS", COLORS["green"], "dot", "diamond"),
}


def draw_arm(ax: Any, arm: Any, q: Sequence[float], color: str | None = None,
             label: str | None = None, **style: Any) -> np.ndarray:
    """Draw one pose of a planar arm: links as thick segments, joints as dots.

    The base is a black square, each joint an open circle and the end
    effector (the hand) a filled dot of the arm's colour.

    Parameters
    ----------
    ax : matplotlib Axes
    arm : companion.robotics.PlanarArm
        Anything with a ``joints(q)`` method returning the ``(n + 1, 2)``
        positions of the base, the joints and the end effector.
    q : sequence of float
        The joint angles of the pose.
    color : str, optional
        Default: the book's blue.
    label : str, optional
        Legend entry for the pose.
    **style
        Passed on to the links' ``ax.plot`` (for instance ``lw``, ``alpha``,
        ``ls``).

    Returns
    -------
    numpy.ndarray
        The points drawn, ``arm.joints(q)``, shape ``(n + 1, 2)``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.robotics import PlanarArm
    >>> fig, ax = plt.subplots()
    >>> points = draw_arm(ax, PlanarArm([1.0, 1.0]), [0.0, np.pi / 2], label="elbow up")
    >>> points.round(12).tolist()
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]]
    >>> len(ax.lines)  # links, joints, hand, base
    4
    >>> plt.close(fig)
    """
    points = np.asarray(arm.joints(q), dtype=float)
    color = COLORS["blue"] if color is None else color
    style = {"lw": 3.0, "solid_capstyle": "round", **style}
    alpha = style.get("alpha", 1.0)
    ax.plot(points[:, 0], points[:, 1], color=color, label=label, zorder=2, **style)
    ax.plot(points[1:-1, 0], points[1:-1, 1], "o", color=color, mfc="white", ms=6, mew=1.5,
            alpha=alpha, zorder=3)
    ax.plot(*points[-1], "o", color=color, ms=7, alpha=alpha, zorder=3)
    ax.plot(*points[0], "s", color=COLORS["black"], ms=8, zorder=4)
    return points


def velocity_ellipse(J: Any, center: Sequence[float] = (0.0, 0.0), scale: float = 1.0,
                     samples: int = 201) -> np.ndarray:
    """Points of the ellipse ``{center + scale * J qdot : |qdot| = 1}`` in the plane.

    For a 2 x n Jacobian J with singular values ``s1 >= s2`` and left
    singular vectors ``u1, u2``, the joint speeds of unit norm are sent onto
    (and, for n > 2, inside) the ellipse with semi-axes ``s1 u1`` and
    ``s2 u2``; its area is ``pi s1 s2``, pi times the manipulability. At a
    singular pose ``s2 = 0`` and the ellipse is a segment, traced twice.

    Parameters
    ----------
    J : array_like, shape (2, n)
    center : pair of float
        Where to put the ellipse, usually the end effector.
    scale : float
        Multiplies the ellipse, so that it fits a drawing of the arm.
    samples : int
        Number of points; the first and the last coincide.

    Returns
    -------
    numpy.ndarray
        Shape ``(samples, 2)``.

    Raises
    ------
    ValueError
        If ``J`` does not have two rows.

    Examples
    --------
    The semi-axes of ``diag(2, 0.5)`` are 2 and 0.5 long:

    >>> points = velocity_ellipse([[2.0, 0.0], [0.0, 0.5]], samples=9)
    >>> radii = np.linalg.norm(points, axis=1)
    >>> round(float(radii.max()), 12), round(float(radii.min()), 12)
    (2.0, 0.5)
    """
    J = np.asarray(J, dtype=float)
    if J.ndim != 2 or J.shape[0] != 2:
        raise ValueError(f"J must have shape (2, n), got {J.shape}")
    U, s, _ = np.linalg.svd(J)
    s = np.concatenate([s, np.zeros(2 - s.size)])  # one joint: s2 = 0
    t = np.linspace(0.0, 2 * np.pi, samples)
    circle = np.vstack([np.cos(t), np.sin(t)])
    return np.asarray(center, dtype=float) + scale * (U @ (s[:, None] * circle)).T


def draw_velocity_ellipse(ax: Any, J: Any, center: Sequence[float] = (0.0, 0.0),
                          scale: float = 1.0, color: str | None = None,
                          label: str | None = None, **style: Any) -> np.ndarray:
    """Draw the velocity ellipse of :func:`velocity_ellipse`, lightly filled.

    Parameters
    ----------
    ax : matplotlib Axes
    J, center, scale
        As in :func:`velocity_ellipse`.
    color : str, optional
        Default: the book's vermillion.
    label : str, optional
        Legend entry.
    **style
        Passed on to the outline's ``ax.plot``.

    Returns
    -------
    numpy.ndarray
        The outline's points, shape ``(201, 2)``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> outline = draw_velocity_ellipse(ax, [[1.0, 0.5], [0.0, 0.5]], center=[2.0, 0.0])
    >>> outline.shape
    (201, 2)
    >>> plt.close(fig)
    """
    points = velocity_ellipse(J, center, scale)
    color = COLORS["vermillion"] if color is None else color
    ax.fill(points[:, 0], points[:, 1], color=color, alpha=0.15, lw=0)
    ax.plot(points[:, 0], points[:, 1], color=color, label=label, **{"lw": 1.4, **style})
    return points


def arm_figure(arm: Any, poses: Sequence[Sequence[float]], labels: Sequence[str] | None = None,
               ax: Any = None, ellipse_scale: float | None = None, reach: bool = True,
               legend: bool = True) -> Any:
    """Several poses of one planar arm in one panel, optionally with velocity ellipses.

    Parameters
    ----------
    arm : companion.robotics.PlanarArm
    poses : sequence of joint-angle vectors
        Drawn in the book's colour cycle.
    labels : sequence of str, optional
        One legend entry per pose.
    ax : matplotlib Axes, optional
        Draw into this panel; default a new figure.
    ellipse_scale : float, optional
        If given, draw each pose's velocity ellipse at the end effector,
        multiplied by this factor (:func:`draw_velocity_ellipse`).
    reach : bool
        Draw the circle of radius ``arm.reach`` the end effector cannot leave.
    legend : bool
        Add a legend (when there are labels).

    Returns
    -------
    matplotlib.figure.Figure
        The figure of ``ax`` (or the new one).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from companion.robotics import PlanarArm
    >>> fig = arm_figure(PlanarArm([1.0, 0.5]), [[0.3, 0.8], [1.0, -0.6]], labels=["a", "b"])
    >>> [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    ['a', 'b']
    >>> plt.close(fig)
    """
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(figsize=(5, 5), layout="constrained")
    else:
        fig = ax.figure
    order = ("blue", "orange", "green", "vermillion", "sky", "purple")
    labels = [None] * len(poses) if labels is None else list(labels)
    if len(labels) != len(poses):
        raise ValueError(f"labels must have one entry per pose ({len(poses)}), got {len(labels)}")
    if reach:
        t = np.linspace(0.0, 2 * np.pi, 241)
        ax.plot(arm.reach * np.cos(t), arm.reach * np.sin(t), color=COLORS["grey"], lw=0.8,
                ls="--", zorder=1)
    for k, (q, label) in enumerate(zip(poses, labels)):
        color = COLORS[order[k % len(order)]]
        points = draw_arm(ax, arm, q, color=color, label=label)
        if ellipse_scale is not None:
            draw_velocity_ellipse(ax, arm.jacobian(q), points[-1], ellipse_scale, color=color)
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    if legend and any(label is not None for label in labels):
        ax.legend(fontsize=9)
    return fig


def ik_frames(iterations: int, max_frames: int = 25) -> np.ndarray:
    """The iterations a played inverse-kinematics run shows: every early one, then fewer.

    The first iterations are where runs differ most, so they are all shown;
    past them the frames thin out geometrically up to the last iteration.

    Parameters
    ----------
    iterations : int
        The last iteration to show (the longest run's ``iterations``).
    max_frames : int, optional
        At most this many frames (at least 4).

    Returns
    -------
    numpy.ndarray
        Increasing integers from 0 to ``iterations``: all of them if they
        fit in ``max_frames``, else ``0 .. max_frames // 2 - 1`` followed by
        geometrically spaced iterations ending at ``iterations``.

    Raises
    ------
    ValueError
        If `iterations` is negative or `max_frames` is below 4.

    Examples
    --------
    >>> ik_frames(4).tolist()
    [0, 1, 2, 3, 4]
    >>> ik_frames(500, max_frames=10).tolist()
    [0, 1, 2, 3, 4, 13, 32, 79, 199, 500]
    """
    if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 0:
        raise ValueError(f"iterations must be a non-negative integer, got {iterations!r}")
    if isinstance(max_frames, bool) or not isinstance(max_frames, (int, np.integer)) or max_frames < 4:
        raise ValueError(f"max_frames must be an integer of at least 4, got {max_frames!r}")
    if iterations + 1 <= max_frames:
        return np.arange(iterations + 1)
    dense = max_frames // 2
    tail = np.geomspace(dense, iterations, max_frames - dense + 1)[1:]
    return np.unique(np.concatenate([np.arange(dense), np.round(tail).astype(int)]))


def ik_race_figure(arm: Any, target: Sequence[float], runs: Mapping[str, Any],
                   frames: Sequence[int] | None = None, active: int = 0,
                   height: int = 520) -> dict:
    """Inverse-kinematics runs of one arm played side by side, iteration by iteration.

    One panel shows, for every run, the arm at iterate ``q_k`` (links and
    joints, in the rule's colour, dash and marker) and the path its hand has
    taken so far; a run that has stopped stays at its last pose. The target
    is a star, the circle of radius ``arm.reach`` the edge of the
    workspace. A slider (and a Play button) runs over the iterations, and the
    title states each run's error ``|t - p(q_k)|`` at the iteration shown.

    Parameters
    ----------
    arm : companion.robotics.PlanarArm
        The arm of every run.
    target : pair of float
        The target the runs were sent to.
    runs : mapping of str to IKResult
        The runs, keyed by their rule (``"transpose"``, ``"pinv"``,
        ``"dls"``: drawn as in ``IK_STYLES``; other keys get the next
        colours and their key as legend name), in drawing order.
    frames : sequence of int, optional
        The iterations shown, increasing, from 0 to at most the longest
        run's ``iterations`` (default: :func:`ik_frames` of it).
    active : int, optional
        The frame the slider starts at, and the figure's ``data`` shows.
    height : int, optional
        In pixels.

    Returns
    -------
    dict
        plotly's figure dictionary (``data``, ``layout``, ``frames``), for
        :func:`~companion.plotting.interactive.interactive_figure` or
        ``go.Figure(fig)``. Traces: per run, its hand's path and its arm (in
        ``runs``' order), then the reach circle, the target and the base. Frame
        ``f`` is named ``str(frames[f])`` and replaces the first ``2 *
        len(runs)`` traces.

    Raises
    ------
    ValueError
        If `runs` is empty, a run's history does not fit the arm, `target` is
        not a finite pair, `frames` is empty, not increasing or outside
        ``0 .. iterations``, `active` indexes no frame or `height` is below 200.

    Examples
    --------
    >>> from companion.robotics import PlanarArm
    >>> arm = PlanarArm([1.0, 1.0])
    >>> runs = {m: arm.ik([1.2, 0.9], [0.3, 0.5], method=m) for m in ("pinv", "dls")}
    >>> fig = ik_race_figure(arm, [1.2, 0.9], runs)
    >>> len(fig["frames"]), runs["dls"].iterations
    (9, 8)
    >>> hand = fig["frames"][-1]["data"][3]   # the damped run's arm: base, elbow, hand
    >>> bool(np.allclose([hand["x"][-1], hand["y"][-1]], [1.2, 0.9], atol=1e-9))
    True
    """
    from .interactive import frame_slider

    if not runs:
        raise ValueError("runs must hold at least one IKResult")
    target = np.asarray(target, dtype=float)
    if target.shape != (2,) or not np.all(np.isfinite(target)):
        raise ValueError(f"target must be a finite pair (x, y), got {target.tolist()!r}")
    histories = {}
    for key, run in runs.items():
        history = np.asarray(getattr(run, "history", None), dtype=float)
        if history.ndim != 2 or history.shape[1] != arm.n or not np.all(np.isfinite(history)):
            raise ValueError(f"runs[{key!r}].history must be finite joint angles of shape "
                             f"(iterations + 1, {arm.n}), got shape {history.shape}")
        histories[key] = history
    longest = max(len(h) for h in histories.values()) - 1
    frames = ik_frames(longest) if frames is None else np.asarray(frames)
    if frames.ndim != 1 or frames.size == 0 or frames.dtype.kind not in "iu":
        raise ValueError("frames must be a non-empty sequence of integers (iterations)")
    if np.any(np.diff(frames) <= 0) or frames[0] < 0 or frames[-1] > longest:
        raise ValueError(f"frames must increase and lie within 0 .. {longest} (the longest run)")
    if not 0 <= active < frames.size:
        raise ValueError(f"active must index a frame (0 to {frames.size - 1}), got {active}")
    if isinstance(height, bool) or not isinstance(height, int) or height < 200:
        raise ValueError(f"height must be an integer of at least 200 pixels, got {height!r}")

    spare = iter(("vermillion", "purple", "sky", "black"))
    styles = {key: IK_STYLES.get(key) or (str(key), COLORS[next(spare, "black")], "dashdot", "x")
              for key in runs}
    hands = {key: np.array([arm.forward(q) for q in h]) for key, h in histories.items()}
    errors = {key: np.linalg.norm(target - hands[key], axis=1) for key in runs}

    def moving(k: int) -> list[dict]:
        traces = []
        for key, history in histories.items():
            name, color, dash, symbol = styles[key]
            j = min(k, len(history) - 1)  # a run that has stopped stays at its last pose
            path = hands[key][: j + 1]
            points = np.asarray(arm.joints(history[j]), dtype=float)
            traces.append({"type": "scatter", "mode": "lines", "x": path[:, 0], "y": path[:, 1],
                           "line": {"color": color, "width": 1.2, "dash": "dot"}, "opacity": 0.7,
                           "showlegend": False, "hoverinfo": "skip", "name": f"{name}: hand path"})
            traces.append({"type": "scatter", "mode": "lines+markers", "x": points[:, 0],
                           "y": points[:, 1], "name": name,
                           "line": {"color": color, "width": 4, "dash": dash},
                           "marker": {"color": color, "size": 8, "symbol": symbol}})
        return traces

    def title(k: int) -> dict:
        error_parts, step_parts = [], []
        for key, run in runs.items():
            short = styles[key][0]
            last = len(histories[key]) - 1
            error_parts.append(f"{short} {_short(errors[key][min(k, last)])}")
            steps = np.asarray(getattr(run, "step_norms", []), dtype=float)
            step = _short(steps[k - 1]) if 0 < k <= min(last, steps.size) else "–"
            step_parts.append(f"{short} {step}")
        return {"text": "error: " + " · ".join(error_parts)
                        + "<br>last step (rad): " + " · ".join(step_parts),
                "x": 0.5, "xanchor": "center", "yref": "container", "y": 0.975, "yanchor": "top",
                "font": {"size": 12}}

    t = np.linspace(0.0, 2 * np.pi, 121)
    fixed = [
        {"type": "scatter", "mode": "lines", "x": arm.reach * np.cos(t), "y": arm.reach * np.sin(t),
         "line": {"color": COLORS["grey"], "width": 1, "dash": "dash"}, "name": "reach",
         "showlegend": False, "hoverinfo": "skip"},
        {"type": "scatter", "mode": "markers", "x": [target[0]], "y": [target[1]], "name": "target",
         "marker": {"color": COLORS["black"], "size": 14, "symbol": "star"}},
        {"type": "scatter", "mode": "markers", "x": [0.0], "y": [0.0], "name": "base",
         "marker": {"color": COLORS["black"], "size": 10, "symbol": "square"}, "showlegend": False},
    ]
    count = 2 * len(runs)
    k0 = int(frames[active])
    edge = 1.08 * max(arm.reach, float(np.linalg.norm(target)))
    controls = frame_slider([str(int(k)) for k in frames], prefix="iteration k = ", active=active)
    layout = dict(
        height=height, title=title(k0),
        # constrain="domain": an equal-aspect panel shrinks rather than showing more of the plane
        xaxis={"title": {"text": "x"}, "range": [-edge, edge], "zeroline": False,
               "constrain": "domain"},
        yaxis={"title": {"text": "y"}, "range": [-edge, edge], "scaleanchor": "x",
               "zeroline": False, "constrain": "domain"},
        legend={"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.0, "yanchor": "bottom"},
        margin={"l": 40, "r": 10, "t": 105, "b": 10}, **controls)
    played = [dict(name=str(int(k)), data=moving(int(k)), traces=list(range(count)),
                   layout={"title": title(int(k))}) for k in frames]
    # A plain dictionary: building a plotly Figure (importing plotly and
    # validating) costs a page a few tenths of a second; the tests validate
    # the same figure with go.Figure (tests/test_plotting_arms_ik.py).
    return dict(data=[*moving(k0), *fixed], layout=layout, frames=played)


def _short(value: float) -> str:
    """A length in a few characters: 566, 0.426, 3e-05, 0."""
    if value == 0:
        return "0"
    return f"{value:.3g}" if value >= 1e-3 else f"{value:.0e}"


def limb_figure(root: Sequence[float], targets: Sequence[Sequence[float]], pole: Sequence[float],
                upper: float, lower: float, active: int = 0, height: int = 520) -> dict:
    """A two-bone limb following a moving target with a fixed pole, played frame by frame.

    Each frame solves :func:`companion.robotics.two_bone_ik` for one target
    and draws the limb in 3-D: the two bones as a thick polyline root ->
    elbow -> hand (for a leg: hip -> knee -> foot), the target as a diamond,
    and a thin dotted line from the elbow to the pole, which the elbow
    points towards. The pole (a square) and the closed path of the targets
    (dotted) stay fixed. The title gives the bend and whether the target is
    reached, or by how much the stretched (or folded) limb falls short.

    Parameters
    ----------
    root, pole : array_like, shape (3,)
        The limb's root (shoulder or hip) and the pole.
    targets : array_like, shape (m, 3)
        The targets, one frame each (1 <= m <= 48).
    upper, lower : float
        The bone lengths.
    active : int, optional
        The frame the slider starts at (the figure's data show it).
    height : int, optional
        Height in pixels.

    Returns
    -------
    dict
        The figure as plotly reads it (``data``, ``layout``, ``frames``):
        traces 0-2 (bones, target, elbow-to-pole line) move, then the pole
        and the targets' path. Frames are named ``"0"``, ``"1"``, ... and
        update traces 0-2 and the title.

    Raises
    ------
    ValueError
        If ``targets`` is not an (m, 3) array of finite numbers with
        1 <= m <= 48, ``active`` indexes no target, or
        :func:`~companion.robotics.two_bone_ik` refuses a target (a pole on
        a root-target line, a target at the root, bad bones).

    Examples
    --------
    >>> fig = limb_figure([0, 0, 0], [[0, 0.2, -0.6], [0, 0, -1.0]], [0, 1, 0], 0.5, 0.4)
    >>> [frame["name"] for frame in fig["frames"]], fig["frames"][1]["layout"]["title"]["text"]
    (['0', '1'], 'frame 1: out of reach, straight, 0.100 short')
    >>> np.round(fig["data"][0]["z"], 6).tolist()  # hip, knee, foot of frame 0
    [0.0, -0.267531, -0.6]
    """
    from .._checks import as_matrix
    from ..robotics import two_bone_ik
    from .interactive import frame_slider, scene

    targets = as_matrix(targets, "targets", shape=(None, 3))
    if not 1 <= targets.shape[0] <= 48:
        raise ValueError(f"targets must hold 1 to 48 points (one frame each), got {targets.shape[0]}")
    if not 0 <= active < targets.shape[0]:
        raise ValueError(f"active must index a target (0 to {targets.shape[0] - 1}), got {active}")
    limbs = [two_bone_ik(root, target, pole, upper, lower) for target in targets]
    pole = np.asarray(pole, dtype=float)

    def line(points: np.ndarray, **style: Any) -> dict:
        return {"type": "scatter3d", "x": points[:, 0].tolist(), "y": points[:, 1].tolist(),
                "z": points[:, 2].tolist(), "hoverinfo": "skip", **style}

    def moving(k: int) -> list[dict]:
        limb, target = limbs[k], targets[k]
        return [
            line(limb.points, mode="lines+markers", name="limb",
                 line={"color": COLORS["blue"], "width": 8},
                 marker={"color": COLORS["blue"], "size": 5}),
            line(target[None, :], mode="markers", name="target",
                 marker={"color": COLORS["vermillion"], "size": 6, "symbol": "diamond"}),
            line(np.vstack([limb.elbow, pole]), mode="lines", name="elbow to pole", showlegend=False,
                 line={"color": COLORS["grey"], "width": 2, "dash": "dot"}),
        ]

    def title(k: int) -> dict:
        limb = limbs[k]
        if limb.reached:
            text = f"frame {k}: reached, bend {np.degrees(limb.bend):.1f}°"
        else:
            shape = "straight" if limb.bend == 0.0 else "folded"
            text = f"frame {k}: out of reach, {shape}, {limb.shortfall:.3f} short"
        return {"text": text, "x": 0.5, "xanchor": "center", "font": {"size": 14}}

    loop = np.vstack([targets, targets[:1]])
    fixed = [
        line(pole[None, :], mode="markers", name="pole",
             marker={"color": COLORS["black"], "size": 6, "symbol": "square"}),
        line(loop, mode="lines", name="target path", showlegend=False,
             line={"color": COLORS["vermillion"], "width": 2, "dash": "dot"}),
    ]
    names = [str(k) for k in range(len(limbs))]
    # Equal scales on the three axes, and no axis squeezed flat: each spans at least half the largest.
    drawn = np.vstack([pole, targets, *[limb.points for limb in limbs]])
    low, high = drawn.min(axis=0), drawn.max(axis=0)
    spans = np.maximum(high - low, 0.5 * float((high - low).max())) * 1.1
    middle = (low + high) / 2
    box = scene("x", "y", "z", eye=(1.7, -1.1, 0.6), aspect=tuple(float(s) for s in spans / spans.max()))
    for letter, centre, span in zip("xyz", middle, spans):
        box[f"{letter}axis"].update(range=[float(centre - span / 2), float(centre + span / 2)], nticks=5)
    layout = {"scene": box, "height": height,
              "title": title(active), "margin": {"l": 0, "r": 0, "t": 40, "b": 40},
              "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 1.0,
                         "yanchor": "bottom"},
              **frame_slider(names, prefix="frame ", active=active)}
    frames = [{"name": name, "data": moving(k), "traces": [0, 1, 2], "layout": {"title": title(k)}}
              for k, name in enumerate(names)]
    return {"data": [*moving(active), *fixed], "layout": layout, "frames": frames}
