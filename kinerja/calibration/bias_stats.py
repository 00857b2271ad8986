"""The statistics behind the rater-bias analytics (`bias.py`), in pure Python: no numpy, no scipy, no database.

- **Normal tails and quantiles** come from the standard library's `statistics.NormalDist`.
- **Binomial upper tail** P(X >= k), exact (a team is at most a few dozen people).
- **Wilson interval** of a share: it stays inside 0..1 and behaves for small counts, unlike "p ± 1.645·se".
- **Mean departures** of groups (raters) with a standard error from the pooled spread within groups and an
  empirical-Bayes shrinkage (`mean_shifts`).
- **Cell means** leaving one rater out, smoothed from coarse to fine cells (`CellMeans`).
- **Kendall's tau-b**: the rank correlation that corrects for ties on either side. Ratings are ordinal with three
  steps and very many ties; tau-b counts agreeing and disagreeing pairs of employees and does not pretend the steps
  are equal distances. Its Fisher transform atanh(tau) is close to normal with variance 0.437 / (n - 4)
  (Fieller, Hartley and Pearson 1957). Goodman and Kruskal's gamma leaves all ties out.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

STANDARD = NormalDist()
Z90 = STANDARD.inv_cdf(0.95)  # half-width of a two-sided 90% interval, in standard errors (1.645)
TINY = 1e-15  # p-values are clamped to [TINY, 1 - TINY] before they become z scores


def mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation, None under two values."""
    if len(values) < 2:
        return None
    m = mean(values)
    return math.sqrt(math.fsum((v - m) ** 2 for v in values) / (len(values) - 1))


def pooled_sd(groups: Iterable[Sequence[float]]) -> float | None:
    """The standard deviation within groups, pooled: each group around its own mean; None without two values in
    any group."""
    groups = [g for g in groups if len(g) > 1]
    df = sum(len(g) - 1 for g in groups)
    if not df:
        return None
    return math.sqrt(math.fsum((x - mean(g)) ** 2 for g in groups for x in g) / df)


def mean_sd(values: Sequence[float]) -> tuple[float | None, float | None]:
    return (mean(values) if values else None), sd(values)


def weighted_without(
    items: Mapping[int, tuple[float, float]], keys: Iterable[int]
) -> dict[int, float | None]:
    """For each key, the weighted mean of the items' values leaving that key's own item out; items map to
    (weight, value). None when no other item has weight."""
    weight = math.fsum(w for w, _v in items.values())
    total = math.fsum(w * v for w, v in items.values())
    result: dict[int, float | None] = {}
    for key in keys:
        own_weight, own_value = items.get(key, (0.0, 0.0))
        others = weight - own_weight
        result[key] = (total - own_weight * own_value) / others if others > 1e-12 else None
    return result


def chance_agreement(a: Sequence[float], b: Sequence[float]) -> float:
    """The agreement of two ratings that chance gives from their shares per step (Cohen's p_e)."""
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


@dataclass(frozen=True)
class Shift:
    """A group's mean departure, its standard error and the departure shrunk for the group's size."""

    n: int
    effect: float
    se: float
    estimate: float

    @property
    def z(self) -> float:
        return self.effect / self.se

    @property
    def interval(self) -> tuple[float, float]:
        return self.effect - Z90 * self.se, self.effect + Z90 * self.se


def mean_shifts(samples: Mapping[int, Sequence[float]], min_sample: int, sd_floor: float) -> dict[int, Shift]:
    """Per group (rater), the mean of its departures (one per employee) with the standard error s / sqrt(n), s the
    standard deviation within groups pooled over the agency (at least `sd_floor`): a small team is judged with the
    agency's spread, not with its own two or three values. `estimate` is the departure shrunk towards 0 by
    tau² / (tau² + se²), tau² the variance of the departures of groups with at least `min_sample` members beyond
    what their standard errors explain (method of moments; 0 when chance explains it all)."""
    samples = {key: xs for key, xs in samples.items() if xs}
    effects = {key: mean(xs) for key, xs in samples.items()}
    s = max(sd_floor, pooled_sd(list(samples.values())) or 0.0)
    se = {key: s / math.sqrt(len(xs)) for key, xs in samples.items()}
    eligible = [key for key, xs in samples.items() if len(xs) >= min_sample]
    observed = sd([effects[k] for k in eligible])
    tau2 = 0.0 if observed is None else max(0.0, observed**2 - mean([se[k] ** 2 for k in eligible]))
    return {
        key: Shift(len(xs), effects[key], se[key], effects[key] * tau2 / (tau2 + se[key] ** 2))
        for key, xs in samples.items()
    }


def z_of_upper_p(p: float) -> float:
    """The z score whose upper tail is p (p = 0.00135 gives 3.0)."""
    return STANDARD.inv_cdf(1 - min(max(p, TINY), 1 - TINY))


def binomial_upper(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), exactly."""
    if k <= 0:
        return 1.0
    if k > n or p <= 0:
        return 0.0
    if p >= 1:
        return 1.0
    return min(1.0, math.fsum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(k, n + 1)))


def binomial_mid_p(k: int, n: int, p: float) -> float:
    """The one-sided mid-p of k or more successes: P(X > k) + P(X = k) / 2 for X ~ Binomial(n, p). Less
    conservative than the exact tail for small n, and it makes k = 0 read as "fewer than expected", not as z = -8."""
    if not 0 < p < 1:
        return 0.0 if k > n * p else 1.0 if k < n * p else 0.5
    return binomial_upper(k + 1, n, p) + math.comb(n, k) * p**k * (1 - p) ** (n - k) / 2


def wilson(k: int, n: int, z: float = Z90) -> tuple[float, float]:
    """The Wilson score interval of the share k / n (two-sided, z = 1.645 for 90%)."""
    if n <= 0:
        return 0.0, 1.0
    share = k / n
    denominator = 1 + z * z / n
    centre = (share + z * z / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _pairs(xs: Sequence[float], ys: Sequence[float]) -> tuple[int, int, int, int]:
    """Over all pairs: concordant, discordant, tied in x only, tied in y only (pairs tied in both are left out)."""
    concordant = discordant = ties_x = ties_y = 0
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            dx, dy = xs[i] - xs[j], ys[i] - ys[j]
            if dx == 0 or dy == 0:
                ties_x += dx == 0 and dy != 0
                ties_y += dy == 0 and dx != 0
            elif (dx > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    return concordant, discordant, ties_x, ties_y


def kendall_tau_b(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Kendall's tau-b of the pairs (xs[i], ys[i]); None when either side has no two different values."""
    concordant, discordant, ties_x, ties_y = _pairs(xs, ys)
    denominator = math.sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y))
    return (concordant - discordant) / denominator if denominator else None


def gamma(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Goodman and Kruskal's gamma: like tau but leaving every tied pair out, so that a coarse scale (three rating
    steps) and a fine one (a 360 mean) are compared on equal terms; None without an untied pair."""
    concordant, discordant, _tx, _ty = _pairs(xs, ys)
    return (concordant - discordant) / (concordant + discordant) if concordant + discordant else None


def fisher_tau_se(n: int) -> float | None:
    """The standard error of atanh(tau) for n pairs, sqrt(0.437 / (n - 4)) (Fieller, Hartley and Pearson 1957)."""
    return math.sqrt(0.437 / (n - 4)) if n > 4 else None


def atanh_clamped(r: float) -> float:
    return math.atanh(max(-0.99, min(0.99, r)))


class CellMeans:
    """Means of values per cell, each rater's prediction leaving their own values out (a rater is compared with
    the others). Keys go from the coarsest (the whole agency) to the finest cell. Below the coarsest, a cell's mean
    is the mean of the other raters' own means in it (one rater, one vote: a large team does not make the cell its
    own), pulled towards the parent's prediction by `prior` raters: with k other raters the cell counts
    k / (k + prior). The evidence for a unit-level difference (the organisation result) is the number of raters
    who show it, not the number of their evaluations."""

    def __init__(self, prior: float) -> None:
        self.prior = prior
        self.total: dict[tuple, list[float]] = {}
        self.own: dict[tuple, list[float]] = {}
        self.votes: dict[tuple, tuple[int, list[float]]] | None = None

    def add(self, rater: int, keys: Iterable[tuple], values: Sequence[float]) -> None:
        self.votes = None
        for key in keys:
            for table, at in ((self.total, key), (self.own, (rater, key))):
                sums = table.setdefault(at, [0.0] * (len(values) + 1))
                for i, v in enumerate((*values, 1)):
                    sums[i] += v

    def _votes(self) -> dict[tuple, tuple[int, list[float]]]:
        """Per cell, the number of raters and the sums of their own means."""
        if self.votes is None:
            self.votes = {}
            for (_rater, key), sums in self.own.items():  # in the order added: the same for the same input
                count, means = self.votes.get(key, (0, [0.0] * (len(sums) - 1)))
                self.votes[key] = (count + 1, [m + s / sums[-1] for m, s in zip(means, sums, strict=False)])
        return self.votes

    def predict(self, rater: int, keys: Sequence[tuple]) -> list[float]:
        """The other raters' means of the values in the finest cell of `keys` (smoothed towards the coarser)."""
        total, own = self.total[keys[0]], self.own.get((rater, keys[0]))
        sums = [t - o for t, o in zip(total, own, strict=True)] if own else total
        sums = sums if sums[-1] > 0 else total  # the rater's own only when nobody else rated
        prediction = [s / sums[-1] for s in sums[:-1]]
        for key in keys[1:]:
            count, means = self._votes().get(key, (0, []))
            mine = self.own.get((rater, key))
            if mine:
                count, means = count - 1, [m - s / mine[-1] for m, s in zip(means, mine, strict=False)]
            if count > 0:
                weight = count / (count + self.prior)
                prediction = [p + weight * (m / count - p) for p, m in zip(prediction, means, strict=True)]
        return prediction
