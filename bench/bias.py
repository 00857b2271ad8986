"""How well the rater-bias analytics find biased raters (issue 17): `python bench/bias.py`.

A synthetic instansi, pure Python and seeded (no database): pegawai in units with a unit effect and an organisation
result, raters with teams of realistic sizes, honest raters with their own small noise, and 5% of the raters each
made lenient, severe, central or halo-prone by known amounts. A year is four periods. The same function the app
calls, `kinerja.calibration.bias.analyse`, runs on the year's evaluations (and, for comparison, on one period
alone), and the flags are compared with the truth: precision and recall per bias kind, and how often honest raters
are flagged, at 500, 2,000 and 20,000 pegawai, each over several seeds. Writes bench/results/bias.json and
bench/results/bias.md. The generator's parameters are the constants below; they are not tuned to the method.
"""

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERIODS = 4
UNIT_SIZE = (15, 80)  # pegawai per unit, uniform
UNIT_EFFECT_SD = 0.35  # the unit's share of performance (in the latent scale, individual sd 0.7)
SMALL_TEAM, LARGE_TEAM, LARGE_SHARE = (2, 8), (10, 30), 0.2  # about one rater per 8 pegawai
BIAS_SHARE = 0.05  # of the raters, per kind
BIASED = ("lenient", "severe", "central", "halo")
LENIENT_P = 0.8  # a lenient (severe) rater moves each rating one step up (down) with this probability
CENTRAL_P = 0.8  # a central rater gives "sesuai" instead with this probability
HALO_P = 0.8  # a halo-prone rater copies the rating hasil kerja to perilaku and the seven values with this probability
HONEST_OFF = (
    0.03,
    0.09,
)  # an honest rater's own chance of a rating one step up, and one down (each, uniform)
QUALITATIVE = 0.1  # pegawai whose indicators have no capaian (the evidence suggests nothing)
NO_BUKTI = 0.12  # pegawai who upload no evidence file
WITH_360, WITH_SELF = (
    0.88,
    0.8,
)  # pegawai with a 360 result from peers and subordinates, with a self-assessment
NO_ORG_RESULT = 0.1  # units without an organisation result


def band(x: float, low: float, high: float) -> int:
    return 0 if x < low else 2 if x >= high else 1


def poisson(rng: random.Random, rate: float) -> int:
    limit, k, p = math.exp(-rate), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


@dataclass
class Pegawai:
    id: int
    unit_effect: float
    organisasi: int | None
    performance: float = 0.0
    behaviour: float = 0.0
    offsets: tuple[float, ...] = ()
    qualitative: bool = False
    bukti_rate: float = 0.0
    peers: float | None = None
    self_level: float | None = None


@dataclass
class Rater:
    id: int
    team: list[Pegawai] = field(default_factory=list)
    kind: str = "honest"
    up: float = 0.0
    down: float = 0.0


def _pegawai(rng: random.Random, pid: int, unit_effect: float, organisasi: int | None) -> Pegawai:
    p = Pegawai(pid, unit_effect, organisasi)
    p.performance = unit_effect + rng.gauss(0, 0.7)
    p.behaviour = 0.4 * p.performance + rng.gauss(0, 0.9)
    p.offsets = tuple(rng.gauss(0, 0.5) for _ in range(7))
    p.qualitative = rng.random() < QUALITATIVE
    p.bukti_rate = 0.0 if rng.random() < NO_BUKTI else rng.uniform(0.5, 3.0)
    if rng.random() < WITH_360:
        p.peers = round(min(5.0, max(1.0, 3 + 0.8 * p.behaviour + rng.gauss(0, 0.35))), 2)
    if rng.random() < WITH_SELF:
        p.self_level = round(min(5.0, max(1.0, 3.7 + 0.4 * p.behaviour + rng.gauss(0, 0.45))), 2)
    return p


def _organisasi(rng: random.Random, unit_effect: float) -> int | None:
    if rng.random() < NO_ORG_RESULT:
        return None
    x = unit_effect + rng.gauss(0, 0.2)
    return 4 if x >= 0.4 else 3 if x >= 0.0 else 2 if x >= -0.4 else 1 if x >= -0.8 else 0


def instansi(pegawai: int, seed: int) -> list[Rater]:
    """Units of 15 to 80 pegawai, each split into teams (most of 2 to 8, a fifth of 10 to 30), one rater each."""
    rng = random.Random(seed)
    raters: list[Rater] = []
    made = 0
    while made < pegawai:
        size = min(rng.randint(*UNIT_SIZE), pegawai - made)
        effect = rng.gauss(0, UNIT_EFFECT_SD)
        organisasi = _organisasi(rng, effect)
        members = [_pegawai(rng, made + i, effect, organisasi) for i in range(size)]
        made += size
        while members:
            team = rng.randint(*(LARGE_TEAM if rng.random() < LARGE_SHARE else SMALL_TEAM))
            raters.append(Rater(1_000_000 + len(raters), members[:team]))
            members = members[team:]
    for rater in raters:
        rater.up, rater.down = rng.uniform(*HONEST_OFF), rng.uniform(*HONEST_OFF)
    chosen = rng.sample(raters, len(BIASED) * round(BIAS_SHARE * len(raters)))
    for i, rater in enumerate(chosen):
        rater.kind = BIASED[i % len(BIASED)]
    return raters


def _honest(rng: random.Random, rater: Rater, step: int) -> int:
    u = rng.random()
    if u < rater.up:
        return min(2, step + 1)
    if u < rater.up + rater.down:
        return max(0, step - 1)
    return step


def _rate(rng: random.Random, rater: Rater, step: int) -> int:
    """The rating a rater gives for a true step (before halo, which acts on the whole set)."""
    if rater.kind == "lenient" and rng.random() < LENIENT_P:
        return min(2, step + 1)
    if rater.kind == "severe" and rng.random() < LENIENT_P:
        return max(0, step - 1)
    if rater.kind == "central" and rng.random() < CENTRAL_P:
        return 1
    return _honest(rng, rater, step)


def _truth(rng: random.Random, p: Pegawai) -> tuple[int | None, float | None, int, int, list[int]]:
    """One period's evidence and true steps: expected, capaian, hasil kerja, perilaku, the seven values."""
    capaian = None if p.qualitative else round(100 + 12 * (p.performance + rng.gauss(0, 0.4)), 1)
    expected = None if capaian is None else band(capaian, 90, 110)
    hasil = expected if expected is not None else band(p.performance + rng.gauss(0, 0.4), -0.83, 0.83)
    if hasil == 1 and p.organisasi is not None and p.organisasi in (0, 4) and rng.random() < 0.1:
        hasil = 2 if p.organisasi == 4 else 0  # the unit's result moves honest raters a little (the quotas)
    perilaku = band(p.behaviour + rng.gauss(0, 0.3), -0.8, 0.8)
    values = [band(p.behaviour + o + rng.gauss(0, 0.3), -0.8, 0.8) for o in p.offsets]
    return expected, capaian, hasil, perilaku, values


def evaluations(raters: list[Rater], seed: int) -> list[list]:
    """Per period, one `Rated` per pegawai."""
    from kinerja.calibration.bias import Rated

    rng = random.Random(seed * 7919 + 1)
    periods = []
    for _period in range(PERIODS):
        rows = []
        for rater in raters:
            for p in rater.team:
                expected, capaian, hasil, perilaku, values = _truth(rng, p)
                rated_hasil = _rate(rng, rater, hasil)
                rated_perilaku, rated_values = (
                    _rate(rng, rater, perilaku),
                    [_rate(rng, rater, v) for v in values],
                )
                if rater.kind == "halo" and rng.random() < HALO_P:
                    rated_perilaku, rated_values = rated_hasil, [rated_hasil] * 7
                rows.append(
                    Rated(
                        rater=rater.id, ratee=p.id, hasil_kerja=rated_hasil, perilaku=rated_perilaku,
                        nilai=tuple(rated_values), expected=expected, capaian=capaian, organisasi=p.organisasi,
                        bukti=poisson(rng, p.bukti_rate), peers=p.peers, self_level=p.self_level,
                    )
                )  # fmt: skip
        periods.append(rows)
    return periods


FLAG_KINDS = ("lenient", "severe", "central", "halo", "evidence", "disagree_360", "self_gap")


def score(raters: list[Rater], reports: dict, min_sample: int) -> dict:
    """Counts per bias kind (true and false flags, biased raters, those with enough employees) and per flag kind the
    honest raters flagged; `cross` counts, per true kind, the raters with enough employees flagged with each kind."""
    flags = {r.rater: {m.flag for m in r.flags} for r in reports.values()}
    sizes = {r.rater: r.n for r in reports.values()}
    counts: dict = {k: Counter() for k in BIASED}
    cross: dict = {kind: Counter() for kind in ("honest", *BIASED)}
    for rater in raters:
        raised, enough = flags.get(rater.id, set()), sizes.get(rater.id, 0) >= min_sample
        for kind in BIASED:
            counts[kind]["flagged"] += kind in raised
            counts[kind]["true"] += kind in raised and rater.kind == kind
            if rater.kind == kind:
                counts[kind]["biased"] += 1
                counts[kind]["biased_enough"] += enough
        if enough:
            cross[rater.kind]["raters"] += 1
            cross[rater.kind].update(raised)
            cross[rater.kind]["any"] += bool(raised)
    return {"counts": counts, "cross": cross}


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def summarise(runs: list[dict]) -> dict:
    """Pooled over the seeds (the sums of every seed's counts): precision = true flags / flags of the kind, recall
    over all biased raters and over those with at least the minimum sample, and per true kind (honest included) the
    raters with the minimum sample and how many were flagged with each kind. `precision_mean_of_seeds` is the plain
    mean of the seeds' precisions (seeds without a flag left out)."""
    out: dict = {"per_kind": {}, "cross": {}}
    total: Counter[str]
    for kind in BIASED:
        total = sum((run["counts"][kind] for run in runs), Counter())
        per_seed = [_ratio(r["counts"][kind]["true"], r["counts"][kind]["flagged"]) for r in runs]
        known = [p for p in per_seed if p is not None]
        out["per_kind"][kind] = {
            "flagged": total["flagged"],
            "true_flags": total["true"],
            "biased": total["biased"],
            "biased_enough": total["biased_enough"],
            "precision": _ratio(total["true"], total["flagged"]),
            "precision_mean_of_seeds": _ratio(sum(known), len(known)),
            "recall_all": _ratio(total["true"], total["biased"]),
            "recall_enough": _ratio(total["true"], total["biased_enough"]),
        }
    for truth in ("honest", *BIASED):
        total = sum((run["cross"][truth] for run in runs), Counter())
        out["cross"][truth] = {k: total[k] for k in ("raters", *FLAG_KINDS, "any")}
    return out


def run_size(pegawai: int, seeds: list[int], min_sample: int) -> dict:
    from kinerja.calibration.bias import analyse

    year_runs, period_runs, generate_s, year_s, period_s = [], [], [], [], []
    raters_count = []
    for seed in seeds:
        started = time.perf_counter()
        raters = instansi(pegawai, seed)
        periods = evaluations(raters, seed)
        generate_s.append(time.perf_counter() - started)
        raters_count.append(len(raters))
        started = time.perf_counter()
        year = analyse([row for rows in periods for row in rows], min_sample)
        year_s.append(time.perf_counter() - started)
        year_runs.append(score(raters, year, min_sample))
        started = time.perf_counter()
        period = analyse(periods[0], min_sample)
        period_s.append(time.perf_counter() - started)
        period_runs.append(score(raters, period, min_sample))
    return {
        "pegawai": pegawai,
        "seeds": seeds,
        "raters_mean": round(statistics.mean(raters_count), 1),
        "generate_seconds_mean": round(statistics.mean(generate_s), 2),
        "analyse_year_seconds_mean": round(statistics.mean(year_s), 2),
        "analyse_period_seconds_mean": round(statistics.mean(period_s), 2),
        "year": summarise(year_runs),
        "period": summarise(period_runs),
    }


def _cell(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}% ({count})" if total else "–"


def _accuracy(results: dict, span: str) -> list[str]:
    lines = [
        "| pegawai | raters | seeds | kind | biased (n ≥ min) | flags | precision | recall (all) | recall (n ≥ min) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for size in results["sizes"]:
        for kind, k in size[span]["per_kind"].items():
            lines.append(
                f"| {size['pegawai']:,} | {size['raters_mean']:g} | {len(size['seeds'])} | {kind} "
                f"| {k['biased']} ({k['biased_enough']}) | {k['flagged']} | {_cell(k['precision'])} "
                f"| {_cell(k['recall_all'])} | {_cell(k['recall_enough'])} |"
            )
    return lines


def _flagged(rows: list[tuple[str, dict]], first: str) -> list[str]:
    lines = [
        f"| {first} | raters | " + " | ".join(FLAG_KINDS) + " | any |",
        "|---" * (len(FLAG_KINDS) + 3) + "|",
    ]
    for name, row in rows:
        cells = " | ".join(_share(row[k], row["raters"]) for k in (*FLAG_KINDS, "any"))
        lines.append(f"| {name} | {row['raters']} | {cells} |")
    return lines


def markdown(results: dict) -> str:
    lines = [
        "# Rater-bias analytics on a synthetic instansi",
        "",
        f"`python bench/bias.py` on {results['machine']}, Python {results['python']}: {results['seconds']} s in all. "
        f"Minimum sample {results['min_sample']} employees: raters with fewer are never flagged. Counts are pooled "
        "over the seeds (precision = true flags / all flags of the kind; recall over all biased raters, and over "
        "those with at least the minimum sample).",
    ]
    for span, title in (("year", "A year (four periods)"), ("period", "One period alone")):
        lines += ["", f"## {title}", "", *_accuracy(results, span), ""]
        lines += [f"Honest raters with the minimum sample flagged, per flag kind ({title.lower()}):", ""]
        rows = [(f"{size['pegawai']:,}", size[span]["cross"]["honest"]) for size in results["sizes"]]
        lines += _flagged(rows, "pegawai")
    middle = results["sizes"][min(1, len(results["sizes"]) - 1)]
    lines += ["", f"Flags raised per true kind at {middle['pegawai']:,} pegawai (a year; raters with the minimum "
              "sample; one bias often raises several flags):", ""]  # fmt: skip
    lines += _flagged(list(middle["year"]["cross"].items()), "true kind")
    lines += ["", "Run time (mean per seed, seconds):", "", "| pegawai | raters | generate | analyse a year "
              "| analyse a period |", "|---|---|---|---|---|"]  # fmt: skip
    for size in results["sizes"]:
        lines.append(
            f"| {size['pegawai']:,} | {size['raters_mean']:g} | {size['generate_seconds_mean']} "
            f"| {size['analyse_year_seconds_mean']} | {size['analyse_period_seconds_mean']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="500:10,2000:10,20000:3", help="pegawai:seeds, comma-separated")
    args = parser.parse_args()
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=False, LANGUAGE_CODE="en")
    from kinerja.calibration.bias import MIN_SAMPLE

    started = time.perf_counter()
    results: dict = {
        "python": platform.python_version(),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "min_sample": MIN_SAMPLE,
        "generator": {
            "periods": PERIODS,
            "unit_size": UNIT_SIZE,
            "unit_effect_sd": UNIT_EFFECT_SD,
            "small_team": SMALL_TEAM,
            "large_team": LARGE_TEAM,
            "large_share": LARGE_SHARE,
            "bias_share": BIAS_SHARE,
            "lenient_p": LENIENT_P,
            "central_p": CENTRAL_P,
            "halo_p": HALO_P,
            "honest_off": HONEST_OFF,
            "qualitative": QUALITATIVE,
            "no_bukti": NO_BUKTI,
            "with_360": WITH_360,
            "with_self": WITH_SELF,
            "no_org_result": NO_ORG_RESULT,
        },
        "sizes": [],
    }
    for spec in args.sizes.split(","):
        pegawai, seeds = (int(x) for x in spec.split(":"))
        results["sizes"].append(run_size(pegawai, list(range(1, seeds + 1)), MIN_SAMPLE))
        print(f"{pegawai} pegawai done", file=sys.stderr)
    results["seconds"] = round(time.perf_counter() - started, 1)
    out = ROOT / "bench" / "results"
    (out / "bias.json").write_text(json.dumps(results, indent=2) + "\n")
    (out / "bias.md").write_text(markdown(results))
    print(markdown(results))


if __name__ == "__main__":
    main()
