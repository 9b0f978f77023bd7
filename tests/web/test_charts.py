"""Chart presenters: SPC, line and bar figures with their tables, CSV, notes and macro."""

from __future__ import annotations

import base64
import csv
import io
from decimal import Decimal
from pathlib import Path

import jinja2
import lxml.html
import polars as pl
import pytest
from lxml import etree

from sendassure.charts import Figure, bar_figure, line_figure, spc_figure
from sendassure.kpis.spc import xmr

SVG = "{http://www.w3.org/2000/svg}"
TEMPLATES = Path(__file__).parents[2] / "src" / "sendassure" / "web" / "templates"


def _svg_root(fig: Figure):
    root = etree.fromstring(fig.svg.encode())
    assert root.tag == f"{SVG}svg"
    return root


def _marks(fig: Figure, kind: str) -> list:
    """The drawn marks of one kind ("symbol", "rect", "line") in the SVG."""
    root = _svg_root(fig)
    return [child for g in root.iter(f"{SVG}g")
            if f"mark-{kind} role-mark" in (g.get("class") or "") for child in g]


def _csv(fig: Figure) -> list[list[str]]:
    return list(csv.reader(io.StringIO(fig.csv())))


# --- SPC ------------------------------------------------------------------------------

# 12 baseline points alternating 10, 12, then 30: mean 11, every moving range 2, so the
# process limits are 11 ± 2.66 × 2 = 5.68 and 16.32; 30 is above 16.32 (improvement, up).
BASELINE = [10.0, 12.0] * 6
MONTHS = [f"M{i}" for i in range(1, 14)]


def _signal_chart(target=5.0):
    return xmr([*BASELINE, 30.0], improvement="up", target=target, baseline=12)


def test_spc_figure_tabulates_each_point_with_its_limits_and_signal():
    fig = spc_figure("timeliness", "Figure: EHC plans issued within 20 weeks, by month",
                     MONTHS, _signal_chart(), "Issued within 20 weeks")
    assert fig.columns == ["Period", "Value (%)", "Mean (%)", "Lower process limit (%)",
                           "Upper process limit (%)", "Signal"]
    assert len(fig.rows) == 13
    # 5.68 and 16.32 shown to one decimal place
    assert fig.rows[0] == ["M1", "10.0", "11.0", "5.7", "16.3", "Common cause"]
    assert fig.rows[1] == ["M2", "12.0", "11.0", "5.7", "16.3", "Common cause"]
    assert fig.rows[12] == ["M13", "30.0", "11.0", "5.7", "16.3",
                            "Special cause: improvement (outside the process limits)"]
    assert fig.caption and fig.alt.startswith("Statistical process control chart of ")
    assert "30% in M13" in fig.alt and "mean of 11%" in fig.alt


def test_spc_figure_draws_every_point_coloured_by_variation_and_the_target():
    fig = spc_figure("t", "Figure: t", MONTHS, _signal_chart(), "Issued")
    dots = _marks(fig, "symbol")
    assert len(dots) == 13
    fills = [dot.get("fill") for dot in dots]
    assert fills[:12] == ["#505a5f"] * 12  # common cause grey
    assert fills[12] == "#1d70b8"  # improvement blue
    strokes = {line.get("stroke") for line in _marks(fig, "line")}
    assert "#d4351c" in strokes  # target, red


def test_spc_notes_give_variation_and_assurance_in_plain_english():
    # lower limit 5.68 is above a target of 5: consistently meets (improvement up)
    fig = spc_figure("t", "Figure: t", MONTHS, _signal_chart(target=5), "Issued")
    assert "Higher is better." in fig.notes
    assert any(n.startswith("Special cause variation: improvement") for n in fig.notes)
    assert "Assurance: the process will consistently hit the target of 5%." in fig.notes
    # target 15 lies between 5.68 and 16.32: hit and miss
    hit_and_miss = spc_figure("t", "Figure: t", MONTHS, _signal_chart(target=15), "Issued")
    assert any("will not consistently hit the target of 15%" in n for n in hit_and_miss.notes)
    # target 20 is above the upper limit 16.32: consistently fails
    fails = spc_figure("t", "Figure: t", MONTHS, _signal_chart(target=20), "Issued")
    assert any("consistently miss the target of 20%" in n for n in fails.notes)


def test_spc_with_fewer_than_12_points_is_a_run_chart_with_a_note():
    chart = xmr([10.0, 20.0, 30.0], improvement="up", target=25)
    fig = spc_figure("t", "Figure: t", ["Jan 2025", "Feb 2025", "Mar 2025"], chart, "Issued")
    # mean (10 + 20 + 30) / 3 = 20, no limits, no tests
    assert fig.rows == [["Jan 2025", "10.0", "20.0", "", "", "Not tested"],
                        ["Feb 2025", "20.0", "20.0", "", "", "Not tested"],
                        ["Mar 2025", "30.0", "20.0", "", "", "Not tested"]]
    notes = " ".join(fig.notes)
    assert "Jan 2025 to Mar 2025: 3 points, fewer than 12" in notes
    assert "No assurance against the target of 25%" in notes
    assert len(_marks(fig, "symbol")) == 3


def test_spc_notes_name_a_recalculation_by_its_period():
    chart = xmr(BASELINE * 2, recalculate_at=[12])
    labels = [f"P{i}" for i in range(1, 25)]
    fig = spc_figure("t", "Figure: t", labels, chart, "Days", unit="days")
    assert "Process limits recalculated from P13." in fig.notes
    assert "No assurance: the measure has no target." in fig.notes
    assert fig.columns[1] == "Value (days)"


def test_spc_csv_round_trips_with_raw_values():
    fig = spc_figure("t", "Figure: t", MONTHS, _signal_chart(), "Issued")
    rows = _csv(fig)
    assert rows[0] == fig.columns
    # raw limits 11 - 5.32 = 5.68 and 11 + 5.32 = 16.32, not the display's 5.7 / 16.3
    assert rows[1] == ["M1", "10", "11", "5.68", "16.32", "Common cause"]
    assert len(rows) == 1 + 13


def test_spc_figure_is_deterministic_and_checks_its_labels():
    first = spc_figure("t", "Figure: t", MONTHS, _signal_chart(), "Issued")
    again = spc_figure("t", "Figure: t", MONTHS, _signal_chart(), "Issued")
    assert first.svg == again.svg and first == again  # same data, same bytes
    other = spc_figure("t", "Figure: t", MONTHS, _signal_chart(target=9.0), "Issued")
    assert other.svg != first.svg  # and the comparison would see a change
    with pytest.raises(ValueError):
        spc_figure("t", "Figure: t", MONTHS[:-1], _signal_chart(), "Issued")


def test_spc_of_no_points_still_renders():
    fig = spc_figure("t", "Figure: t", [], xmr([]), "Issued")
    _svg_root(fig)
    assert fig.rows == [] and "no data" in fig.alt


# --- line -----------------------------------------------------------------------------

def _comparators() -> pl.DataFrame:
    return pl.DataFrame({
        "year": [2022, 2023, 2024, 2022, 2023, 2024],
        "area": ["Kent", "Kent", "Kent", "England", "England", "England"],
        "percent": [45.25, 31.4159, None, 49.2, 50.3, 46.4],
        "suppressed": [False, True, False, False, False, False],
    })


def test_line_figure_tabulates_series_side_by_side_with_suppression():
    fig = line_figure("comparators", "Figure: EHC plans issued within 20 weeks, by year",
                      _comparators(), "year", "percent", "area",
                      "Issued within 20 weeks", "%", x_title="Year",
                      suppressed="suppressed")
    assert fig.columns == ["Year", "Kent (%)", "England (%)"]
    # 45.25 is exact in binary and shown half up as 45.3, as DfE rounds
    assert fig.rows == [["2022", "45.3", "49.2"],
                        ["2023", "x", "50.3"],  # flagged as suppressed
                        ["2024", "", "46.4"]]  # no value, not flagged
    assert _csv(fig) == [fig.columns, ["2022", "45.25", "49.2"], ["2023", "x", "50.3"],
                         ["2024", "", "46.4"]]
    # a suppressed value never reaches the picture (the SVG carries aria-labels of values)
    assert "31.4" not in fig.svg and "31.4" not in fig.csv()
    # 4 values drawn: Kent 2022, England 2022-2024
    assert len(_marks(fig, "symbol")) == 4
    assert fig.alt == ("Line chart of Issued within 20 weeks by Year for Kent and England "
                       "from 2022 to 2024; in 2024: England 46.4%.")
    assert any("Suppressed values" in n for n in fig.notes)


def test_line_figure_shows_a_text_symbol_column_as_given():
    frame = pl.DataFrame({"year": ["2023/24", "2024/25"], "n": [None, 7],
                          "symbol": ["c", None]})
    fig = line_figure("n", "Figure: n", frame, "year", "n", None, "Plans",
                      suppressed="symbol")
    assert fig.columns == ["year", "Plans"]
    assert fig.rows == [["2023/24", "c"], ["2024/25", "7"]]
    assert fig.alt.endswith("in 2024/25: 7.")


def test_line_figure_takes_the_decimals_kpis_percent_returns():
    frame = pl.DataFrame({"year": [2023, 2024], "pct": [Decimal("41.3"), Decimal("0.05")]})
    fig = line_figure("d", "Figure: d", frame, "year", "pct", None, "Issued", "%")
    # 0.05 half up to 1 dp is 0.1; the CSV keeps the value as given
    assert fig.rows == [["2023", "41.3"], ["2024", "0.1"]]
    assert _csv(fig)[1:] == [["2023", "41.3"], ["2024", "0.05"]]
    assert len(_marks(fig, "symbol")) == 2


def test_line_figure_is_deterministic():
    args = ("c", "Figure: c", _comparators(), "year", "percent", "area", "Issued", "%")
    assert line_figure(*args).svg == line_figure(*args).svg
    changed = _comparators().with_columns(pl.col("percent") + 1)
    assert line_figure("c", "Figure: c", changed, *args[3:]).svg != line_figure(*args).svg


def test_line_figure_refuses_two_rows_for_one_point():
    frame = pl.DataFrame({"year": [2024, 2024], "v": [1.0, 2.0]})
    with pytest.raises(ValueError):
        line_figure("d", "Figure: d", frame, "year", "v", None, "V")


# --- bar ------------------------------------------------------------------------------

def _open_cases() -> pl.DataFrame:
    return pl.DataFrame({
        "month": ["Jan", "Jan", "Feb", "Feb"],
        "age": ["Under 5", "5 to 10", "Under 5", "5 to 10"],
        "cases": [3, 1200, None, 12],
    })


def test_stacked_bar_figure_tabulates_counts_and_skips_missing_bars():
    fig = bar_figure("open", "Figure: open cases by age band", _open_cases(), "month",
                     "cases", series="age", stacked=True, y_title="Open cases",
                     x_title="Month")
    assert fig.columns == ["Month", "Under 5", "5 to 10"]
    # counts with thousands separators in the table, none in the CSV
    assert fig.rows == [["Jan", "3", "1,200"], ["Feb", "", "12"]]
    assert _csv(fig)[1:] == [["Jan", "3", "1200"], ["Feb", "", "12"]]
    assert len(_marks(fig, "rect")) == 3  # three values, three bars
    assert fig.alt == ("Stacked bar chart of Open cases by Month and age from Jan to Feb; "
                       "in Feb: 5 to 10 12.")


def test_grouped_bar_figure_places_series_side_by_side():
    stacked = bar_figure("a", "Figure: a", _open_cases(), "month", "cases", "age", True,
                         "Open cases")
    grouped = bar_figure("a", "Figure: a", _open_cases(), "month", "cases", "age", False,
                         "Open cases")
    assert grouped.alt.startswith("Bar chart of Open cases")
    assert grouped.svg != stacked.svg and grouped.rows == stacked.rows

    def lefts(fig):
        return sorted(float(r.get("d").split(",")[0][1:]) for r in _marks(fig, "rect"))

    # side by side: the two January bars start at different x; stacked: at the same x
    assert len(set(lefts(grouped))) == 3 and len(set(lefts(stacked))) == 2


def test_bar_figure_without_series_names_the_highest():
    frame = pl.DataFrame({"type": ["Mainstream", "Special", "Independent"],
                          "pupils": [410, 385, None]})
    fig = bar_figure("placements", "Figure: placements by type", frame, "type", "pupils",
                     y_title="Children and young people")
    assert fig.rows == [["Mainstream", "410"], ["Special", "385"], ["Independent", ""]]
    assert fig.alt.endswith("the highest is Mainstream at 410.")
    assert len(_marks(fig, "rect")) == 2


def test_empty_frame_gives_an_empty_figure():
    frame = pl.DataFrame({"x": [], "y": []}, schema={"x": pl.String, "y": pl.Float64})
    fig = bar_figure("e", "Figure: e", frame, "x", "y", y_title="Y")
    _svg_root(fig)
    assert fig.rows == [] and "There is no data for this chart." in fig.notes


# --- Figure and the macro -------------------------------------------------------------

def test_data_uri_holds_the_svg():
    fig = bar_figure("p", "Figure: p", pl.DataFrame({"x": ["a"], "y": [1]}), "x", "y",
                     y_title="Y")
    prefix = "data:image/svg+xml;base64,"
    assert fig.data_uri().startswith(prefix)
    assert base64.b64decode(fig.data_uri().removeprefix(prefix)).decode() == fig.svg
    assert fig.table_caption == "Table: p"


def test_figure_macro_renders_caption_image_notes_table_and_csv_link():
    from sendassure.core.jinja import environment

    env = environment(loader=jinja2.FileSystemLoader(TEMPLATES))
    fig = spc_figure("timeliness", "Figure: EHC plans issued within 20 weeks, by month",
                     MONTHS, _signal_chart(), "Issued within 20 weeks")
    html = env.from_string(
        '{% from "macros/figure.html" import figure %}'
        "{{ figure(fig, '/dashboard/?figure=timeliness&format=csv') }}"
    ).render(fig=fig)
    page = lxml.html.fromstring(html)
    figure = page if page.tag == "figure" else page.find(".//figure")
    assert figure.get("id") == "timeliness" and "app-figure" in figure.get("class")
    assert figure.find("figcaption").text_content() == fig.caption
    img = figure.find(".//img")
    assert img.get("alt") == fig.alt and img.get("src") == fig.data_uri()
    assert [li.text_content() for li in figure.findall(".//ul/li")] == fig.notes
    details = figure.find(".//details")
    assert "Show the data for this chart" in details.find("summary").text_content()
    wrapper = details.find(".//div[@class='app-table-wrapper']")
    assert wrapper.get("tabindex") == "0" and wrapper.get("role") == "region"
    assert wrapper.get("aria-label")
    table = wrapper.find("table")
    assert table.find("caption").text_content() == (
        "Table: EHC plans issued within 20 weeks, by month")
    headers = table.findall("thead/tr/th")
    assert [th.text_content() for th in headers] == fig.columns
    assert {th.get("scope") for th in headers} == {"col"}
    body = table.findall("tbody/tr")
    assert len(body) == 13
    assert [c.text_content() for c in body[12]] == fig.rows[12]
    assert body[12][0].get("scope") == "row"
    link = figure.find(".//a")
    assert link.get("href") == "/dashboard/?figure=timeliness&format=csv"
    assert "&amp;format" in html  # escaped in the markup
    assert "Download the data" in link.text_content() and "(CSV)" in link.text_content()


# --- in a real browser (Debian's chromium): axe WCAG 2.2 AA, no JavaScript, strict CSP ---

ROOT = Path(__file__).parents[2]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# the site's policy as far as a figure is concerned: no inline styles, images from data:
CSP = "default-src 'none'; img-src data:; style-src 'self'"


def _page_html(csp: str = "") -> str:
    from sendassure.core.jinja import environment

    env = environment(loader=jinja2.FileSystemLoader(TEMPLATES))
    spc = spc_figure("timeliness", "Figure: EHC plans issued within 20 weeks, by month",
                     MONTHS, _signal_chart(), "Issued within 20 weeks")
    line = line_figure("comparators", "Figure: issued within 20 weeks, by year",
                       _comparators(), "year", "percent", "area", "Issued", "%",
                       suppressed="suppressed")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">' if csp else ""
    return env.from_string(
        '{% from "macros/figure.html" import figure %}<!DOCTYPE html><html lang="en">'
        "<head><meta charset='utf-8'>{{ meta|safe }}<title>Charts</title></head>"
        '<body class="govuk-template__body"><main class="govuk-main-wrapper" id="main">'
        '<h1 class="govuk-heading-l">Charts</h1>'
        "{% for fig in figs %}{{ figure(fig, '/d/?figure=' ~ fig.id ~ '&format=csv') }}"
        "{% endfor %}</main></body></html>"
    ).render(figs=[spc, line], meta=meta)


@pytest.mark.system
def test_figures_pass_axe_read_without_javascript_and_load_under_the_csp(browser):
    """Uses the session's Debian chromium (``browser`` fixture from tests/conftest.py)."""
    page = browser.new_page()
    try:
        page.set_content(_page_html())
        page.add_style_tag(
            path=ROOT / "node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css")
        page.evaluate((ROOT / "node_modules/axe-core/axe.min.js").read_text())
        for opened in (False, True):
            if opened:
                for summary in page.locator("summary").all():
                    summary.click()
            result = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                WCAG_22_AA)
            assert [v["id"] for v in result["violations"]] == []
    finally:
        page.close()
    context = browser.new_context(java_script_enabled=False)
    try:
        no_js = context.new_page()
        errors: list[str] = []
        no_js.on("console", lambda m: m.type == "error" and errors.append(m.text))
        no_js.set_content(_page_html(csp=CSP))
        table = no_js.locator("#timeliness table")
        assert not table.is_visible()
        no_js.locator("#timeliness summary").click()  # native <details>
        assert table.is_visible()
        widths = no_js.eval_on_selector_all(
            "img", "imgs => imgs.map(i => i.complete && i.naturalWidth)")
        assert len(widths) == 2 and all(w and w > 600 for w in widths)
        assert errors == []  # nothing refused by the policy
    finally:
        context.close()
