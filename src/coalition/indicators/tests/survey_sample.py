"""A small synthetic household sample with a stratified cluster design, made the same way
on every machine (Python's Mersenne Twister with a fixed seed), for comparing the engine
with R's survey package. `python -m coalition.indicators.tests.survey_sample OUT.csv`
writes it for `survey_reference.R`."""

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


def write_csv(path: str, rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("NA" if v is None else v) for k, v in row.items()})


if __name__ == "__main__":
    write_csv(sys.argv[1], persons())
