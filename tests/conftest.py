"""Shared strategies: random parameters inside the model's domain."""

from __future__ import annotations

import math

from hypothesis import settings
from hypothesis import strategies as st

from xbec import HorizontalParams

settings.register_profile("ci", deadline=None, max_examples=40, derandomize=True)
settings.load_profile("ci")


@st.composite
def horizontal_params(draw, max_b2_ratio: float = 0.95) -> HorizontalParams:
    """Valid HorizontalParams: 2 b1 gamma1 > b2^2 and beta > b1 c."""
    b1 = draw(st.floats(0.5, 5.0))
    gamma1 = draw(st.floats(0.5, 5.0))
    b2 = draw(st.floats(0.0, max_b2_ratio)) * math.sqrt(2 * b1 * gamma1)
    c = draw(st.floats(0.0, 50.0))
    beta = b1 * c + draw(st.floats(10.0, 500.0))
    K = draw(st.floats(0.0, 100.0))
    return HorizontalParams(beta=beta, b1=b1, b2=b2, gamma1=gamma1, c=c, K=K)
