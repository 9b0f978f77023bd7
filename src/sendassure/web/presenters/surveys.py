"""The surveys page: each statement's % agree with its Wilson 95% interval (drawn as an
interval, never a bare percentage), the change from a baseline wave with its p-value,
and the tags of the free-text comments (counts only, below the tag threshold ``c``).

Aggregate roles see the figures disclosure-controlled across the wave's groups and all
groups together: for each statement the responses, those who agree, those who do not
and those who gave no answer (blank or don't know) add up, so none of them from 1 to 4
can be shown or worked out; a statement whose counts are hidden shows ``c`` for its
percentage, interval, change and p-value. Respondent counts are hidden first, so the
percentages stay visible where they can."""

from __future__ import annotations

import altair as alt

from sendassure.charts.figure import BLUE, GREY, Figure, render
from sendassure.kpis import surveys as K
from sendassure.kpis.disclosure import CONFIDENTIAL, THRESHOLD, suppress
from sendassure.kpis.percent import percent, round_half_up
from sendassure.voice.models import GROUPS
from sendassure.voice.queries import comment_tags
from sendassure.voice.surveys import answers_of

from .complaints import Table

ALL = "all"
GROUP_CODES = [c for c, _ in GROUPS]


def tag_threshold() -> int:
    from django.conf import settings

    return int(getattr(settings, "SURVEY_TAG_THRESHOLD", 10))


def hidden_cells(la: str, wave: str) -> set:
    """The cells of a wave an aggregate audience may not see: keys (group, statement,
    ``n`` | ``agree``) and (group, ``R``), group ``all`` for every group together."""
    counts, unpublished, lines = {}, {}, []
    statements: list[str] = []
    for group in [ALL, *GROUP_CODES]:
        answers, respondents = answers_of(la, wave, None if group == ALL else group)
        counts[group, "R"] = respondents
        for text, found in answers.items():
            if text not in statements:
                statements.append(text)
            agree, n = K.agree_counts(found)
            counts[group, text, "n"], counts[group, text, "agree"] = n, agree
            unpublished[group, text, "dis"] = n - agree
            unpublished[group, text, "none"] = respondents - n
    for group in [ALL, *GROUP_CODES]:
        for text in statements:
            for key in ((group, text, "n"), (group, text, "agree")):
                counts.setdefault(key, 0)
            for key in ((group, text, "dis"), (group, text, "none")):
                unpublished.setdefault(key, counts[group, "R"] if key[2] == "none" else 0)
            lines += [([(group, text, "agree"), (group, text, "dis")], (group, text, "n")),
                      ([(group, text, "n"), (group, text, "none")], (group, "R"))]
    for text in statements:
        for part in ("n", "agree", "dis", "none"):
            lines.append(([(g, text, part) for g in GROUP_CODES], (ALL, text, part)))
    lines.append(([(g, "R") for g in GROUP_CODES], (ALL, "R")))
    order = {"R": 0, "n": 1, "agree": 2}
    return suppress(counts, lines, unpublished=unpublished,
                    prefer=lambda key: order.get(key[-1], 3))


def _fmt(value) -> str:
    return "" if value is None else str(value)


def statements(la: str, wave: str, baseline: str | None, group: str | None,
               controlled: bool) -> tuple[int | str, list[dict]]:
    """(respondents as shown, one dict per statement with the texts to show and the
    numbers to draw: ``draw`` is None when nothing may be drawn)."""
    answers, respondents = answers_of(la, wave, group)
    base = answers_of(la, baseline, group)[0] if baseline else None
    found = K.summary(wave, answers, respondents, baseline, base)["statements"]
    key = group or ALL
    hidden = hidden_cells(la, wave) if controlled else set()
    base_hidden = hidden_cells(la, baseline) if controlled and baseline else set()
    out = []
    for text, s in found.items():
        shut = (key, text, "n") in hidden or (key, text, "agree") in hidden
        row = {"statement": text, "responses": CONFIDENTIAL if shut else f"{s['responses']:,}",
               "pc": CONFIDENTIAL if shut else _fmt(s["pc_agree"]),
               "low": CONFIDENTIAL if shut else _fmt(s["ci_low"]),
               "high": CONFIDENTIAL if shut else _fmt(s["ci_high"]),
               "draw": None if shut or s["pc_agree"] is None else
               (float(s["pc_agree"]), float(s["ci_low"]), float(s["ci_high"]))}
        if baseline:
            b_agree, b_n = K.agree_counts((base or {}).get(text, []))
            b_shut = controlled and ((key, text, "n") in base_hidden
                                     or (key, text, "agree") in base_hidden
                                     or b_n < THRESHOLD)
            interval = K.wilson(b_agree, b_n)
            row |= {
                "base_pc": CONFIDENTIAL if b_shut else _fmt(s["baseline_pc_agree"]),
                "base_low": CONFIDENTIAL if b_shut else _fmt(
                    None if interval is None else round_half_up(interval[0] * 100)),
                "base_high": CONFIDENTIAL if b_shut else _fmt(
                    None if interval is None else round_half_up(interval[1] * 100)),
                "change": CONFIDENTIAL if shut or b_shut else _fmt(s["change_pp"]),
                "p": CONFIDENTIAL if shut or b_shut else _fmt(s["p_value"]),
                "base_draw": None if b_shut or interval is None else
                (float(percent(b_agree, b_n)), float(round_half_up(interval[0] * 100)),
                 float(round_half_up(interval[1] * 100)))}
        out.append(row)
    shown = CONFIDENTIAL if (key, "R") in hidden else respondents
    return shown, out


def interval_figure(rows: list[dict], wave: str, baseline: str | None) -> Figure:
    """Each statement's % agree as a point on its 95% interval (a bar from low to high);
    a statement without an interval to show is left out of the chart (the table says
    why)."""
    data = []
    for n, row in enumerate(rows, start=1):
        for series, drawn in ((f"Wave {wave}", row["draw"]),
                              (f"Baseline {baseline}", row.get("base_draw"))):
            if drawn is not None:
                data.append({"statement": f"S{n}", "series": series, "pc": drawn[0],
                             "low": drawn[1], "high": drawn[2]})
    names = [f"Wave {wave}"] + ([f"Baseline {baseline}"] if baseline else [])
    colour = alt.Color("series:N", title=None, sort=names,
                       scale=alt.Scale(domain=names, range=[BLUE, GREY][:len(names)]))
    y = alt.Y("statement:N", title="Statement", sort=[f"S{n}" for n in range(1, len(rows) + 1)])
    offset = {"yOffset": alt.YOffset("series:N", sort=names)} if baseline else {}
    x_scale = alt.Scale(domain=[0, 100])
    base = alt.Chart(alt.Data(values=data))
    bars = base.mark_rule(strokeWidth=3).encode(
        y=y, x=alt.X("low:Q", title="% agree (95% interval)", scale=x_scale),
        x2="high:Q", color=colour, **offset)
    points = base.mark_point(filled=True, size=110, shape="diamond", stroke="#0b0c0c",
                                   strokeWidth=1, opacity=1).encode(
        y=y, x=alt.X("pc:Q", scale=x_scale), color=colour, **offset)
    columns = ["Statement", "% agree", "95% interval: low", "95% interval: high",
               "Responses"]
    keys = ["pc", "low", "high", "responses"]
    if baseline:
        columns += ["Baseline % agree", "Baseline interval: low", "Baseline interval: high",
                    "Change (points)", "p-value"]
        keys += ["base_pc", "base_low", "base_high", "change", "p"]
    table = [[f"S{n}: {row['statement']}", *(row[k] for k in keys)]
             for n, row in enumerate(rows, start=1)]
    drawn = [r for r in rows if r["draw"] is not None]
    alt_text = (f"Share who agree with each of {len(rows)} statements in wave {wave}, each "
                "drawn as a point on its 95% confidence interval"
                + (f", beside baseline {baseline}" if baseline else "") + "; "
                + (f"{len(drawn)} statements have an interval to draw." if drawn
                   else "there is nothing to draw."))
    notes = ["Each diamond is the % who agree or strongly agree, of those who answered "
             "other than don't know; the bar is its Wilson 95% interval: the wider it is, "
             "the less certain the percentage."]
    if any(r["draw"] is None for r in rows):
        notes.append("A statement with no answers, or whose counts are not shown (c), is "
                     "not drawn.")
    return Figure(
        id="agree", caption=f"Figure: % who agree with each statement, wave {wave}"
        + (f", against baseline {baseline}" if baseline else ""),
        svg=render((bars + points).properties(width=560, height=max(120, 34 * len(rows)))),
        alt=alt_text, columns=columns, rows=table,
        notes=notes, numeric=(False, *(True,) * (len(columns) - 1)))


def tags_table(la: str, wave: str, group: str | None, controlled: bool) -> tuple[Table, str]:
    """Respondents per tag (the comments' themes) and how many respondents commented.
    For every role, a count below the tag threshold is ``c``, and so is what would give
    one away: the groups add up to everyone, and those who commented are part of the
    respondents (shown or not as the statements' table shows them)."""
    threshold = tag_threshold()
    counts, lines, unpublished = {}, [], {}
    tags: list[str] = []
    for g in [ALL, *GROUP_CODES]:
        pairs, commented = comment_tags(la, wave, None if g == ALL else g)
        respondents = answers_of(la, wave, None if g == ALL else g)[1]
        counts[g, "commented"], counts[g, "R"] = commented, respondents
        unpublished[g, "silent"] = respondents - commented
        for tag, n in K.tag_counts(pairs).items():
            counts[g, "tag", tag] = n
            if tag not in tags:
                tags.append(tag)
        lines.append(([(g, "commented"), (g, "silent")], (g, "R")))
    for tag in tags:
        for g in GROUP_CODES:
            counts.setdefault((g, "tag", tag), 0)
        lines.append(([(g, "tag", tag) for g in GROUP_CODES], (ALL, "tag", tag)))
    lines.append(([(g, "commented") for g in GROUP_CODES], (ALL, "commented")))
    lines.append(([(g, "silent") for g in GROUP_CODES], (ALL, "silent")))
    statement_hidden = hidden_cells(la, wave) if controlled else set()
    # the respondents are shown (or not) by the statements' table: they stay as they are
    settled = {(g, "R"): (g, "R") in statement_hidden for g in [ALL, *GROUP_CODES]}
    hidden = suppress(counts, lines, threshold=threshold, unpublished=unpublished,
                      settled=settled)
    key = group or ALL
    found = sorted(((t, counts[key, "tag", t]) for t in tags if counts[key, "tag", t]),
                   key=lambda x: (-x[1], x[0]))
    body = [[tag, CONFIDENTIAL if (key, "tag", tag) in hidden else str(n)]
            for tag, n in found]
    table = Table("tags", f"Themes of the free-text comments, wave {wave} (respondents)",
                  ["Theme", "Respondents"], body, (False, True),
                  [f"Counts of fewer than {threshold} respondents, and counts they could be "
                   "worked out from, are shown as c; comments are never published, only "
                   "these counts."])
    commented = counts[key, "commented"]
    return table, CONFIDENTIAL if (key, "commented") in hidden else str(commented)
