"""Parity indices (SDG 4.5.1) as UIS computes them."""

# Each index compares the disadvantaged group (first) with the advantaged one (second).
PARITY_INDICES = {
    "GPIA": ("sex", "F", "M"),
    "LPIA": ("location", "RUR", "URB"),
    "WPIA": ("wealth", "Q1", "Q5"),
    "DPIA": ("disability", "DIS", "ABL"),
}


def adjusted_parity(disadvantaged: float | None, advantaged: float | None) -> float | None:
    """The adjusted parity index: the ratio when it is at most 1, else 2 − 1/ratio, so
    that it is symmetric around 1 and bounded by 2."""
    if disadvantaged is None or advantaged is None or advantaged == 0:
        return None
    ratio = disadvantaged / advantaged
    return ratio if ratio <= 1 else 2 - 1 / ratio


def parity_pairs(figures):
    """(index, disadvantaged, advantaged, the other columns) for every parity index whose
    two groups were both computed with everything else equal: GPIA overall from the
    by-sex cells, GPIA among rural people from the sex × location cells, and so on.
    `figures` have .code, .group (column, value) pairs and .value."""
    cells = {(f.code, tuple(sorted(f.group))): f for f in figures}
    for figure in figures:
        values = dict(figure.group)
        for index, (column, disadvantaged, advantaged) in PARITY_INDICES.items():
            if values.get(column) != disadvantaged:
                continue
            other_group = tuple(
                sorted((c, advantaged if c == column else v) for c, v in figure.group)
            )
            other = cells.get((figure.code, other_group))
            if other is not None:
                rest = tuple((c, v) for c, v in figure.group if c != column)
                yield index, figure, other, rest
