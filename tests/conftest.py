"""Test-wide settings.

Property tests explore new random examples on every local run, which is how
they find bugs. In CI (``CI`` set, as ``.ci/run`` is run) they are
derandomized: the same examples every time, so that a submission lands or
fails on its own merits, not on the luck of the draw.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
