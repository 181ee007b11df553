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


#: Boundary points of the domain (issue 18 item 1): b2^2 = b1 gamma1 (the first three), b2 = 0, c = 0, K = 0,
#: an empty band. Drawn explicitly, because continuous draws never reach them.
BOUNDARY = [
    HorizontalParams(beta=200, b1=1, b2=1, gamma1=1, c=10, K=10),
    HorizontalParams(beta=100, b1=4, b2=2, gamma1=1, c=5, K=0),
    HorizontalParams(beta=300, b1=1, b2=1, gamma1=1, c=0, K=0),
    HorizontalParams(beta=200, b1=2, b2=0, gamma1=1, c=10, K=10),
    HorizontalParams(beta=200, b1=2, b2=1, gamma1=1, c=0, K=0),
    HorizontalParams(beta=70.2837, b1=4.8372, b2=1.1056, gamma1=0.7133, c=9.5392, K=23.3659),
]
