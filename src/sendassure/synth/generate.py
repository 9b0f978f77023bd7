"""Entry points: a synthetic local area, or all of England, as SEN2 XML returns.

Files written to ``out_dir``:
- ``sen2_<LA>_<collection year>.xml``: one return per calendar year ``Y`` of
  requests, with collection ``Year`` = ``Y + 1``;
- ``establishments.csv``: every URN used, GIAS ``edubase`` column style;
- ``manifest.json``: seed, scale, files (with counts) and the deliberate errors.

Everything is a deterministic function of the arguments: randomness comes from
``random.Random`` instances seeded from ``(seed, LA code, purpose)`` strings (string
seeds are hashed with SHA-512 by ``random``, so ``PYTHONHASHSEED`` has no effect), no
wall clock is read, and iteration never runs over sets.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from pathlib import Path

from . import calibration as cal
from .deliberate_errors import apply_error, plan_errors
from .establishments import Establishment, EstablishmentPool, write_establishments_csv
from .la_table import la_codes, local_authority
from .model import simulate_area
from .sen2_xml import ReturnWriter, error_rng, reference_date

Progress = Callable[[int, int], None]


def _sub_seed(seed: int, la_code: str, purpose: str) -> int:
    return random.Random(f"{seed}:{la_code}:{purpose}").getrandbits(63)


def _profile(la_code: str, scale: str | float) -> cal.AreaProfile:
    if scale == "kent":
        return cal.kent_profile()
    if scale == "england":
        return cal.la_profile(la_code)
    if isinstance(scale, int | float) and not isinstance(scale, bool) and scale > 0:
        return cal.kent_profile(float(scale))
    raise ValueError(f"scale must be 'kent', 'england' or a positive number, not {scale!r}")


def _generate_la(
    la_code: str,
    years: Iterable[int],
    profile: cal.AreaProfile,
    seed: int,
    out_dir: Path,
    errors: bool,
    tick: Callable[[], None],
) -> tuple[list[dict], list[dict], dict[int, Establishment]]:
    years = sorted(set(years))
    la = local_authority(la_code)
    la_name = la.la_name if la is not None else f"Local authority {la_code}"
    area = simulate_area(la_code, la_name, profile, years, _sub_seed(seed, la_code, "area"))
    pool = EstablishmentPool(
        la_code,
        la_name,
        area.la_ordinal,
        profile.active_plans(years[-1]),
        _sub_seed(seed, la_code, "establishments"),
    )
    files: list[dict] = []
    error_records: list[dict] = []
    for year in years:
        path = out_dir / f"sen2_{la_code}_{year + 1}.xml"
        writer = ReturnWriter(area, pool, year)
        chooser = plan_errors(error_rng(seed, la_code, year), writer.cutoff) if errors else None
        stats = writer.write(path, chooser, apply_error if errors else None)
        files.append(
            {
                "path": path.name,
                "la_code": la_code,
                "calendar_year": year,
                "collection_year": year + 1,
                "reference_date": reference_date(year + 1).isoformat(),
                "persons": stats.persons,
                "requests_received": stats.requests_received,
                "plans_issued": stats.plans_issued,
                "active_plans": stats.active_plans,
                "ceased_plans": stats.ceased_plans,
                "mainstream_rank1": stats.mainstream_rank1,
                "bytes": path.stat().st_size,
                "deliberate_errors": len(stats.errors),
            }
        )
        error_records.extend(stats.errors)
        tick()
    return files, error_records, pool.used


def _write_manifest(out_dir: Path, manifest: dict) -> None:
    with open(out_dir / "manifest.json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=False)
        fh.write("\n")


def generate_area(
    la_code: str,
    years: Iterable[int],
    scale: str | float,
    seed: int,
    out_dir: Path,
    errors: bool = True,
    progress: Progress | None = None,
) -> list[Path]:
    """Write one SEN2 return per calendar year in ``years`` for one synthetic area.

    ``scale``: ``"kent"`` = sized and calibrated like Kent (886) whatever ``la_code``
    labels the files; ``"england"`` = sized and calibrated by ``la_code``'s own
    published figures (its share of England); a positive number = Kent's figures
    times that number (``0.05`` for fast tests). ``progress(done, total)`` is called
    after each file. Returns the XML paths, in year order.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    years = sorted(set(years))
    profile = _profile(la_code, scale)
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], len(years))

    files, errs, used = _generate_la(la_code, years, profile, seed, out_dir, errors, tick)
    write_establishments_csv(used.values(), out_dir / "establishments.csv")
    _write_manifest(
        out_dir,
        {
            "generator": "sendassure.synth",
            "seed": seed,
            "scale": scale,
            "la_codes": [la_code],
            "years": years,
            "errors_planted": errors,
            "reference_date_rule": "third Thursday of January of the collection year",
            "establishments": {"path": "establishments.csv", "rows": len(used)},
            "files": files,
            "deliberate_errors": errs,
        },
    )
    return [out_dir / f["path"] for f in files]


def generate_england(
    years: Iterable[int],
    seed: int,
    out_dir: Path,
    la_codes: Iterable[str] | None = None,
    progress: Progress | None = None,
    errors: bool = True,
    fraction: float = 1.0,
) -> list[Path]:
    """Write one SEN2 return per LA per year for the 153 English LAs (or ``la_codes``).

    Each LA is sized and calibrated by its own published figures (``la_codes.csv``:
    active plans, requests, timeliness, mainstream share), which sum to 638,745
    active plans in January 2025; ``fraction`` shrinks every LA (for tests). LAs are
    generated one after another, each return streamed to disk, so memory is bounded
    by the largest LA. One ``establishments.csv`` and one ``manifest.json`` cover all.
    ``progress(done, total)`` counts files.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    years = sorted(set(years))
    codes = list(la_codes) if la_codes is not None else list(_all_la_codes())
    total = len(codes) * len(years)
    done = [0]

    def tick() -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], total)

    all_files: list[dict] = []
    all_errors: list[dict] = []
    used: dict[int, Establishment] = {}
    for code in codes:
        profile = cal.la_profile(code, fraction)
        files, errs, la_used = _generate_la(code, years, profile, seed, out_dir, errors, tick)
        all_files.extend(files)
        all_errors.extend(errs)
        used.update(la_used)
    write_establishments_csv(used.values(), out_dir / "establishments.csv")
    _write_manifest(
        out_dir,
        {
            "generator": "sendassure.synth",
            "seed": seed,
            "scale": "england",
            "fraction": fraction,
            "la_codes": codes,
            "years": years,
            "errors_planted": errors,
            "reference_date_rule": "third Thursday of January of the collection year",
            "establishments": {"path": "establishments.csv", "rows": len(used)},
            "files": all_files,
            "deliberate_errors": all_errors,
        },
    )
    return [out_dir / f["path"] for f in all_files]


def _all_la_codes() -> tuple[str, ...]:
    return la_codes()
