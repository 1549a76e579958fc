"""Two small synthetic household samples with stratified cluster designs, made the same
way on every machine (Python's Mersenne Twister with fixed seeds), for comparing the
engine with R's survey package. `python -m coalition.indicators.tests.survey_sample
OUT.csv OTHER.csv` writes them for `survey_reference.R`."""

import csv
import random
import sys

COLUMNS = [
    "stratum", "psu", "fpc", "w", "province", "urban", "sex", "quintile", "age",
    "attending", "num", "den",
]  # fmt: skip


def persons(seed: int = 20261122) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for s in range(1, 10):
        stratum = f"S{s}"
        # S9 has a single PSU: the "lonely" cases keep it, the others leave it out.
        n_psu = 1 if s == 9 else rng.randint(2, 7)
        population_psus = n_psu * rng.randint(2, 6)
        province = f"P{(s - 1) % 4 + 1}"
        for p in range(1, n_psu + 1):
            urban = "URB" if rng.random() < 0.35 else "RUR"
            base_weight = rng.uniform(50, 400)
            for _person in range(rng.randint(15, 40)):
                sex = rng.choice("FM")
                quintile = f"Q{rng.randint(1, 5)}"
                age = rng.randint(5, 24)
                chance = 0.55 + (0.15 if urban == "URB" else 0) - (0.12 if sex == "F" else 0)
                chance += 0.04 * (int(quintile[1]) - 3) - (0.02 * max(0, age - 12))
                attending = None if rng.random() < 0.03 else int(rng.random() < chance)
                rows.append(
                    {
                        "stratum": stratum,
                        "psu": f"{stratum}-{p}",
                        "fpc": population_psus,
                        "w": round(base_weight * rng.uniform(0.8, 1.25), 6),
                        "province": province,
                        "urban": urban,
                        "sex": sex,
                        "quintile": quintile,
                        "age": age,
                        "attending": attending,
                        "num": rng.randint(0, 6),
                        "den": rng.randint(1, 8),
                    }
                )
    return rows


# The other sample is laid out differently, as files from other surveys are: numbered
# strata, PSUs numbered again from 1 in every stratum (as `nest = TRUE` reads them; `hp`
# names each PSU across strata), a region that varies within strata, gaps in a grouping
# column and in the yes/no, a continuous value (`z`) and a count (`d`).
OTHER_COLUMNS = ["h", "p", "hp", "N", "w", "region", "sex", "grp", "age", "y", "z", "d"]


def other_persons(seed: int = 20261206) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for h in range(1, 8):
        n_psu = rng.choice([1, 2, 2, 3, 5, 8]) if h > 1 else 1  # stratum 1: a single PSU
        population_psus = n_psu * rng.randint(2, 4)
        for p in range(1, n_psu + 1):
            region = rng.choice("NSE")
            base_weight = rng.uniform(10, 2000)
            for _person in range(rng.randint(1, 30)):
                rows.append(
                    {
                        "h": h,
                        "p": p,
                        "hp": f"{h}-{p}",
                        "N": population_psus,
                        "w": round(base_weight * rng.uniform(0.5, 1.5), 4),
                        "region": region,
                        "sex": rng.choice("FM"),
                        "grp": None if rng.random() < 0.05 else rng.choice("abcd"),
                        "age": rng.randint(0, 30),
                        "y": None if rng.random() < 0.07 else int(rng.random() < 0.4),
                        "z": round(rng.expovariate(0.3), 3),
                        "d": rng.randint(1, 4),
                    }
                )
    return rows


def write_csv(path: str, rows: list[dict], columns=COLUMNS) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("NA" if v is None else v) for k, v in row.items()})


if __name__ == "__main__":
    write_csv(sys.argv[1], persons())
    write_csv(sys.argv[2], other_persons(), OTHER_COLUMNS)
