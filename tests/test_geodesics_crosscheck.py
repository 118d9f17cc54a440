"""The companion's heat method against an independent implementation of the same
method: potpourri3d's MeshHeatMethodDistanceSolver (geometry-central, C++).

Its time step is ``t_coef`` times the mean edge length squared, the companion's
default ``t`` when ``t_coef = 1``; ``use_robust=False`` turns off its intrinsic
Delaunay remeshing, so that both use the cotangent Laplacian of the mesh as
given. Measured agreement (relative to the largest distance): 2e-5 on the
icosphere of level 3 and the bumpy sphere, 8e-5 on a 48 x 24 torus; the tests
allow 5e-4. A different ``t`` on one side moves the answer by 1e-2 or more, so
the tests also pin the convention for ``t``.
"""

from __future__ import annotations

import numpy as np
import pytest

from companion.discrete import sphere_mesh
from companion.surfaces import bumpy_sphere, heat_geodesics, torus_mesh

pp3d = pytest.importorskip("potpourri3d")

MESHES = {
    "icosphere": sphere_mesh(3),
    "torus": torus_mesh(2.0, 0.5, 48, 24),
    "bumpy": bumpy_sphere(3, 0.3, np.random.default_rng(5)),
}
TOLERANCE = 5e-4  # relative to the largest distance


def relative_gap(a, b):
    return np.abs(a - b).max() / np.abs(b).max()


@pytest.mark.parametrize("name", sorted(MESHES))
@pytest.mark.parametrize("source", [0, 57])
def test_same_distance_as_potpourri3d(name, source):
    vertices, faces = MESHES[name]
    ours = heat_geodesics(vertices, faces).distance(source)
    theirs = pp3d.MeshHeatMethodDistanceSolver(vertices, faces, t_coef=1.0,
                                               use_robust=False).compute_distance(source)
    assert ours[source] == 0 and abs(theirs[source]) < 1e-12
    assert relative_gap(ours, theirs) < TOLERANCE


@pytest.mark.parametrize("factor", [0.25, 4.0])
def test_time_step_convention_matches_t_coef(factor):
    vertices, faces = MESHES["torus"]
    solver = heat_geodesics(vertices, faces)
    theirs = pp3d.MeshHeatMethodDistanceSolver(vertices, faces, t_coef=factor,
                                               use_robust=False).compute_distance(0)
    same_t = heat_geodesics(vertices, faces, t=factor * solver.t).distance(0)
    default_t = solver.distance(0)
    assert relative_gap(same_t, theirs) < TOLERANCE
    assert relative_gap(default_t, theirs) > 20 * TOLERANCE  # t matters: the check above is not vacuous


def test_two_sources_as_potpourri3d():
    # vertices 0 and 1 of the icosphere have equal masses, so the two methods'
    # right-hand sides (M delta here, delta there) agree up to a factor
    vertices, faces = MESHES["icosphere"]
    ours = heat_geodesics(vertices, faces).distance([0, 1])
    theirs = pp3d.MeshHeatMethodDistanceSolver(vertices, faces, t_coef=1.0,
                                               use_robust=False).compute_distance_multisource([0, 1])
    # each shifts its own way at the sources: compare up to a constant
    gap = ours - theirs
    assert np.ptp(gap) / theirs.max() < TOLERANCE
