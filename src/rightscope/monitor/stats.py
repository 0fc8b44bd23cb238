"""Interval estimates for proportions: one at a time (:func:`wilson`) or vectorised with numpy.

The Wilson score interval (Wilson, 1927) keeps its coverage close to nominal for small groups and
rates near 0 or 1, where the normal ("Wald") interval collapses to a point or leaves ``[0, 1]``.
The report computes a few intervals per group and window with :func:`wilson`, which needs no numpy
(whose import costs more than a short command's arithmetic); both give the same floating-point values.
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]


def z_value(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence`` (1.959963... for 0.95).

    >>> round(z_value(0.95), 6)
    1.959964
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2.0)


def wilson(successes: int, trials: int, z: float) -> tuple[float, float]:
    """Wilson score interval for ``successes`` out of ``trials`` with normal quantile ``z``; NaN for 0 trials.

    >>> low, high = wilson(8, 10, z_value(0.95))
    >>> round(low, 4), round(high, 4)
    (0.4902, 0.9433)
    """
    if trials <= 0:
        return math.nan, math.nan
    k, n = float(successes), float(trials)
    z2 = z * z
    p = k / n
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator
    return min(max(centre - half, 0.0), 1.0), min(max(centre + half, 0.0), 1.0)


def wilson_interval(
    successes: npt.ArrayLike, trials: npt.ArrayLike, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Wilson score interval for ``successes`` out of ``trials``, element-wise.

    Where ``trials`` is 0 the proportion is undefined and both bounds are NaN.

    >>> import numpy as np
    >>> low, high = wilson_interval([8, 0], [10, 0])
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.4902, 0.9433)
    >>> bool(np.isnan(low[1]))
    True
    """
    import numpy as np

    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    z = z_value(confidence)
    z2 = z * z
    with np.errstate(divide="ignore", invalid="ignore"):
        p = k / n
        denominator = 1.0 + z2 / n
        centre = (p + z2 / (2.0 * n)) / denominator
        half = z * np.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator
        low = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), np.nan)
    return np.atleast_1d(low).astype(np.float64), np.atleast_1d(high).astype(np.float64)


def proportion(successes: npt.ArrayLike, trials: npt.ArrayLike) -> FloatArray:
    """``successes / trials`` element-wise, NaN where ``trials`` is 0.

    >>> proportion([1, 3], [4, 0]).tolist()[0]
    0.25
    """
    import numpy as np

    k = np.asarray(successes, dtype=np.float64)
    n = np.asarray(trials, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.atleast_1d(np.where(n > 0, k / n, np.nan)).astype(np.float64)
