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
