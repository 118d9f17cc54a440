"""The companion's plotly builders return plotly's figure *dictionary*, so that a
page need not import plotly (a few tenths of a second per page); the tests look
at every figure through plotly's own validators instead."""

from __future__ import annotations

import functools
from typing import Any, Callable


def validated(builder: Callable[..., dict]) -> Callable[..., Any]:
    """`builder`, returning its figure as a validated ``go.Figure`` (attribute access)."""
    import plotly.graph_objects as go

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> Any:
        figure = builder(*args, **kwargs)
        assert isinstance(figure, dict) and "data" in figure
        assert set(figure) <= {"data", "layout", "frames"}, sorted(figure)
        return go.Figure(figure)   # validates every trace, frame and layout key

    return build
