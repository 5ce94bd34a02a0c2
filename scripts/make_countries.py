"""Write counterclaim/data/countries.tsv: every country's name, demonym, capital and common
alternative spellings, from the `countryinfo` package (MIT; a complete public table, not
taken from any article). Not a runtime dependency: run it when the table needs refreshing.

    pip install countryinfo && python scripts/make_countries.py counterclaim/data/countries.tsv
"""

from __future__ import annotations

import sys

from countryinfo import CountryInfo


def main(out: str) -> None:
    rows = []
    for key in sorted(CountryInfo("russia").all()):
        info = CountryInfo(key)
        name = info.name() or key
        try:
            demonym, capital = info.demonym() or "", info.capital() or ""
            if isinstance(capital, list):
                capital = capital[0] if capital else ""
        except Exception:  # a territory without one
            continue
        spellings = [s for s in (info.alt_spellings() or []) if len(s) > 3 and " " not in s[:1]]
        name = name.title() if name.islower() else name
        rows.append((name, demonym, capital, "|".join(spellings)))
    with open(out, "w", encoding="utf-8") as f:
        f.write("# name\tdemonym\tcapital\talternative names (countryinfo, MIT)\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} countries written to {out}")


if __name__ == "__main__":
    main(sys.argv[1])
