import gzip
import xml.etree.ElementTree as ET

import pytest

from coalition.geo.maps import NO_DATA, PALETTE, class_breaks, render_choropleth

SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("country, provinces", [("AF", 34), ("KH", 25)])
def test_one_shape_per_province_and_no_svg_text(country, provinces):
    result = render_choropleth(country, {}, label="Members")
    root = ET.fromstring(str(result.svg))  # noqa: S314
    paths = root.findall(f"{SVG}path")
    assert len(paths) == provinces
    assert not root.findall(f".//{SVG}text")
    assert {p.get("fill") for p in paths} == {NO_DATA}
    assert root.get("aria-label") == "Members"


def test_fills_follow_the_values():
    result = render_choropleth("AF", {"AF-KAB": 10, "AF-BAL": 1, "AF-HER": 0}, label="x")
    root = ET.fromstring(str(result.svg))  # noqa: S314
    fills = {p.get("data-code"): p.get("fill") for p in root.iter(f"{SVG}path")}
    assert fills["AF-KAB"] == PALETTE[-1]
    assert fills["AF-BAL"] == PALETTE[0]
    assert fills["AF-HER"] == NO_DATA
    assert result.legend[-1].colour == NO_DATA


def test_links_and_names_are_escaped():
    result = render_choropleth(
        "AF",
        {"AF-KAB": 1},
        label='a "quoted" <label>',
        names={"AF-KAB": "<b>Kabul</b>"},
        link=lambda code: f"/members/?p={code}&x=1",
    )
    svg = str(result.svg)
    assert "<b>" not in svg and "&lt;b&gt;Kabul" in svg
    assert 'href="/members/?p=AF-KAB&amp;x=1"' in svg
    ET.fromstring(svg)  # noqa: S314 - still well-formed


@pytest.mark.parametrize("country", ["AF", "KH"])
def test_maps_are_small(country):
    svg = str(render_choropleth(country, {}, label="x").svg)
    assert len(gzip.compress(svg.encode())) < 25_000


@pytest.mark.parametrize(
    "values, expected",
    [
        ([], []),
        ([0, None], []),
        ([1, 2, 3], [1, 2, 3]),
        ([12, 1], [3, 6, 9, 12]),
        ([100], [20, 40, 60, 80, 100]),
        ([0.5, 2.5], [0.5, 1.0, 1.5, 2.0, 2.5]),
    ],
)
def test_class_breaks(values, expected):
    assert class_breaks(values) == pytest.approx(expected)


def test_rates_are_classed_over_their_range_and_zero_is_a_value():
    from coalition.geo.maps import range_breaks

    start, bounds = range_breaks([0.0, 12.3, 48.9, None])
    assert start == 0.0 and bounds == [9.8, 19.6, 29.4, 39.2, 49.0]
    result = render_choropleth(
        "AF",
        {"AF-KAB": 0.0, "AF-BAL": 48.9, "AF-HER": None},
        label="x",
        breaks=(start, bounds),
    )
    fills = {
        p.get("data-code"): p.get("fill")
        for p in ET.fromstring(str(result.svg)).iter(f"{SVG}path")  # noqa: S314
    }
    assert fills["AF-KAB"] == PALETTE[0]  # a rate of zero is the lowest class, not "none"
    assert fills["AF-BAL"] == PALETTE[-1] and fills["AF-HER"] == NO_DATA
    assert result.rates and result.legend[0].low == 0.0
    assert range_breaks([None]) == (0.0, []) and range_breaks([5.0, 5.0]) == (5.0, [5.0])


def test_suppressed_provinces_are_hatched_and_keep_no_value():
    from coalition.geo.maps import HATCH_ID

    result = render_choropleth(
        "AF",
        {"AF-KAB": 40.0, "AF-NUR": 31.4159},
        label="x",
        breaks=(30.0, [35.0, 40.0]),
        suppressed=frozenset({"AF-NUR"}),
    )
    svg = str(result.svg)
    root = ET.fromstring(svg)  # noqa: S314
    nuristan = next(p for p in root.iter(f"{SVG}path") if p.get("data-code") == "AF-NUR")
    assert nuristan.get("fill") == f"url(#{HATCH_ID})" and nuristan.get("data-value") == ""
    assert "31.4" not in svg
    assert root.find(f"{SVG}defs/{SVG}pattern").get("id") == HATCH_ID
    assert [item.suppressed for item in result.legend] == [False, False, True, False]


def test_a_linked_map_is_a_group_of_links_not_an_image():
    linked = render_choropleth("AF", {}, label="x", link=lambda code: f"/p/{code}/")
    plain = render_choropleth("AF", {}, label="x")
    assert ET.fromstring(str(linked.svg)).get("role") == "group"  # noqa: S314
    assert ET.fromstring(str(plain.svg)).get("role") == "img"  # noqa: S314
