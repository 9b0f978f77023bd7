"""An XmR chart (NHS "Making Data Count"; docs/measures.md) as a ``Figure``.

Points are coloured by variation as Making Data Count does: special cause improvement
blue, special cause concern orange, special cause with no improvement direction purple,
common cause grey; points in a segment too short for limits (a run chart) are black.
The values line is grey, the mean solid black, the process limits dashed grey, the
target dashed red; limits break at each recalculation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import altair as alt

from sendassure.kpis import spc

from .figure import (
    BLACK,
    BLUE,
    GREY,
    HEIGHT,
    ORANGE,
    PURPLE,
    RED,
    WIDTH,
    Figure,
    display,
    header,
    raw,
    render,
    with_unit,
)

SIGNALS = {  # point variation -> (legend label, colour)
    spc.COMMON_CAUSE: ("Common cause", GREY),
    spc.IMPROVEMENT: ("Special cause: improvement", BLUE),
    spc.CONCERN: ("Special cause: concern", ORANGE),
    spc.NEITHER: ("Special cause: neither", PURPLE),
    "": ("Not tested (no process limits)", BLACK),
}
LINES = {  # reference line -> (colour, dash)
    "Mean": (BLACK, [1, 0]),
    "Process limits": (GREY, [6, 4]),
    "Target": (RED, [3, 3]),
}
RULES = {
    "outside": "outside the process limits",
    "two_of_three": "2 of 3 points close to a limit",
    "shift": f"{spc.RUN_LENGTH} or more points on one side of the mean",
    "trend": f"{spc.RUN_LENGTH} or more points rising or falling",
}
DIRECTIONS = {
    "up": "Higher is better.",
    "down": "Lower is better.",
    "neither": "No improvement direction: special causes are not judged good or bad.",
}
COLUMNS = ["Period", "Value", "Mean", "Lower process limit", "Upper process limit", "Signal"]


def _short(value: float, decimals: int, unit: str) -> str:
    """80.0 -> "80%", 41.25 -> "41.3%" (for sentences; the table keeps fixed decimals)."""
    text = display(float(value), decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return with_unit(text, unit)


def _signal(point: spc.SpcPoint) -> str:
    if not point.variation:
        return "Not tested"
    label = SIGNALS[point.variation][0]
    if not point.rules:
        return label
    return f"{label} ({'; '.join(RULES.get(r, r) for r in point.rules)})"


def _variation_note(chart: spc.SpcChart, last: str) -> str:
    icon = chart.variation_icon
    if icon == spc.VARIATION_ICONS[spc.IMPROVEMENT]:
        return f"Special cause variation: improvement at the latest point ({last})."
    if icon == spc.VARIATION_ICONS[spc.CONCERN]:
        return f"Special cause variation: concern at the latest point ({last})."
    if icon == spc.VARIATION_ICONS[spc.NEITHER]:
        return (f"Special cause variation: neither improvement nor concern at the latest "
                f"point ({last}), as the measure has no improvement direction.")
    if icon == spc.VARIATION_ICONS[spc.COMMON_CAUSE]:
        return (f"Common cause variation: the latest point ({last}) is within what the "
                "process normally produces; no special cause.")
    return "No variation assessment: the latest points are too few for process limits."


def _variation_phrase(chart: spc.SpcChart) -> str:
    return {
        spc.VARIATION_ICONS[spc.IMPROVEMENT]: "the latest point shows improvement",
        spc.VARIATION_ICONS[spc.CONCERN]: "the latest point shows a concern",
        spc.VARIATION_ICONS[spc.NEITHER]: "the latest point shows special cause variation",
        spc.VARIATION_ICONS[spc.COMMON_CAUSE]: "the latest point shows common cause variation",
    }.get(chart.variation_icon or "", "too few points for process limits")


def _assurance_note(chart: spc.SpcChart, decimals: int, unit: str) -> str:
    if chart.target is None:
        return "No assurance: the measure has no target."
    target = _short(chart.target, decimals, unit)
    if chart.assurance == spc.CONSISTENTLY_MEETS:
        return f"Assurance: the process will consistently hit the target of {target}."
    if chart.assurance == spc.CONSISTENTLY_FAILS:
        return (f"Assurance: the process will consistently miss the target of {target}; "
                "it will not hit it without a change to the process.")
    if chart.assurance == spc.HIT_AND_MISS:
        return (f"Assurance: the process will not consistently hit the target of {target}; "
                "it will hit or miss it by common cause variation.")
    if chart.improvement == "neither":
        return f"No assurance against the target of {target}: no improvement direction."
    return (f"No assurance against the target of {target}: the latest segment has too few "
            "points for process limits.")


def _segment_notes(chart: spc.SpcChart, labels: Sequence[str],
                   reasons: dict[int, str]) -> list[str]:
    notes = [f"Process limits recalculated from {labels[seg.start]}"
             + (f": {reasons[seg.start].rstrip('.')}." if reasons.get(seg.start) else ".")
             for seg in chart.segments[1:]]
    for note in chart.notes:
        # "points 1 to 8: ..." -> "Jan 2024 to Aug 2024: ..."
        found = re.match(r"points (\d+) to (\d+): (.*)", note)
        if found and int(found[2]) <= len(labels):
            first, last = labels[int(found[1]) - 1], labels[int(found[2]) - 1]
            note = f"{first} to {last}: {found[3]}"
        notes.append(note[:1].upper() + note[1:] + ("" if note.endswith(".") else "."))
    return notes


def _chart(labels: Sequence[str], chart: spc.SpcChart, y_title: str) -> alt.LayerChart:
    points, lines = [], []
    # a vertical rule where each new segment starts: its limits are recalculated there
    cuts = [{"period": labels[seg.start], "label": "Limits recalculated"}
            for seg in chart.segments[1:]]
    for seg_number, seg in enumerate(chart.segments):
        for i in range(seg.start, seg.end):
            lines.append({"period": labels[i], "y": seg.mean, "line": "Mean",
                          "path": f"{seg_number}-mean"})
            if seg.has_limits:
                for bound, y in (("upper", seg.upper_process_limit),
                                 ("lower", seg.lower_process_limit)):
                    lines.append({"period": labels[i], "y": y, "line": "Process limits",
                                  "path": f"{seg_number}-{bound}"})
    for point in chart.points:
        points.append({"period": labels[point.index], "value": point.value,
                       "signal": SIGNALS[point.variation][0]})
        if chart.target is not None:
            lines.append({"period": labels[point.index], "y": chart.target, "line": "Target",
                          "path": "target"})
    line_kinds = [k for k in LINES if any(row["line"] == k for row in lines)]
    signals = [v for v in SIGNALS.values() if any(p["signal"] == v[0] for p in points)]
    x = alt.X("period:O", sort=list(labels), title=None,
              axis=alt.Axis(labelAngle=-45, labelOverlap=True))
    scale_y = alt.Scale(zero=False, nice=True)
    values = alt.Chart(alt.Data(values=points)).encode(
        x=x, y=alt.Y("value:Q", title=y_title, scale=scale_y)
    )
    reference = alt.Chart(alt.Data(values=lines)).mark_line(strokeWidth=1.5).encode(
        x=x,
        y=alt.Y("y:Q", scale=scale_y),
        detail="path:N",
        color=alt.Color("line:N", title=None, scale=alt.Scale(
            domain=line_kinds, range=[LINES[k][0] for k in line_kinds])),
        strokeDash=alt.StrokeDash("line:N", title=None, scale=alt.Scale(
            domain=line_kinds, range=[LINES[k][1] for k in line_kinds])),
    )
    dots = values.mark_point(filled=True, size=45, opacity=1).encode(
        fill=alt.Fill("signal:N", title=None, scale=alt.Scale(
            domain=[s[0] for s in signals], range=[s[1] for s in signals])),
        color=alt.value(None),
    )
    layers = [reference, values.mark_line(color=GREY, strokeWidth=2), dots]
    if cuts:
        marks = alt.Chart(alt.Data(values=cuts)).encode(x=x)
        layers = [marks.mark_rule(color=BLACK, strokeWidth=1, strokeDash=[2, 2]),
                  marks.mark_text(align="left", baseline="top", dx=3, y=2, fontSize=11,
                                  color=BLACK).encode(text="label:N"), *layers]
    return (
        alt.layer(*layers)
        .resolve_scale(color="independent", fill="independent", strokeDash="independent")
        .properties(width=WIDTH, height=HEIGHT)
    )


def spc_figure(
    id: str,
    caption: str,
    labels: Sequence[str],
    chart: spc.SpcChart,
    y_title: str,
    unit: str = "%",
    alt_subject: str = "",
    *,
    decimals: int = 1,
    counts: Sequence[tuple[str, Sequence[str]]] = (),
    reasons: dict[int, str] | None = None,
) -> Figure:
    """An XmR chart of ``chart`` (from ``kpis.spc.xmr``) with ``labels[i]`` naming point i.

    Table: period, value, the counts behind each value (``counts``: a column title and
    each point's count as shown, e.g. the numerator and denominator), the point's segment
    mean and process limits, and its signal; when the limits are recalculated, a
    column saying where each new segment starts (and why: ``reasons``, by point index).
    """
    reasons = reasons or {}
    labels = list(labels)
    if len(labels) != len(chart.points):
        raise ValueError(f"{len(labels)} labels for {len(chart.points)} points")
    if any(len(texts) != len(labels) for _, texts in counts):
        raise ValueError("every count column needs one value per point")
    if len(set(labels)) != len(labels):
        raise ValueError("period labels must be unique")
    subject = alt_subject or y_title
    segment_of = {i: seg for seg in chart.segments for i in range(seg.start, seg.end)}
    starts = {seg.start for seg in chart.segments[1:]}
    recalculated = bool(starts)
    rows, csv_rows = [], []
    for point in chart.points:
        seg = segment_of[point.index]
        cells = (point.value, seg.mean, seg.lower_process_limit, seg.upper_process_limit)
        shown = [texts[point.index] for _, texts in counts]
        where = []
        if recalculated:
            where = [("Recalculated from here" + (f": {reasons[point.index]}"
                                                  if reasons.get(point.index) else ""))
                     if point.index in starts else ""]
        rows.append([labels[point.index], display(point.value, decimals), *shown,
                     *(display(v, decimals) for v in cells[1:]), *where, _signal(point)])
        csv_rows.append([labels[point.index], raw(point.value),
                         *(t.replace(",", "") for t in shown), *(raw(v) for v in cells[1:]),
                         *where, _signal(point)])
    notes = [DIRECTIONS[chart.improvement]]
    if chart.points:
        last = chart.points[-1]
        notes.append(_variation_note(chart, labels[last.index]))
        notes.append(_assurance_note(chart, decimals, unit))
        seg = chart.segments[-1]
        target = ("" if chart.target is None
                  else f", target {_short(chart.target, decimals, unit)}")
        alt_text = (
            f"Statistical process control chart of {subject} for {len(labels)} periods from "
            f"{labels[0]} to {labels[-1]}: the latest value is "
            f"{_short(last.value, decimals, unit)} in {labels[-1]} against a mean of "
            f"{_short(seg.mean, decimals, unit)}{target}; {_variation_phrase(chart)}."
        )
    else:
        alt_text = f"Statistical process control chart of {subject}: there is no data."
        notes.append("There is no data for this chart.")
    notes += _segment_notes(chart, labels, reasons)
    return Figure(
        id=id,
        caption=caption,
        svg=render(_chart(labels, chart, header(y_title, unit))),
        alt=alt_text,
        columns=[COLUMNS[0], header(COLUMNS[1], unit), *(title for title, _ in counts),
                 *(header(c, unit) for c in COLUMNS[2:5]),
                 *(["Process limits"] if recalculated else []), COLUMNS[5]],
        rows=rows,
        notes=notes,
        csv_rows=csv_rows,
        numeric=(False, True, *(True for _ in counts), True, True, True,
                 *([False] if recalculated else []), False),
    )
