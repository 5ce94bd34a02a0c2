"""Entity groups of an export against a gold set's `same_entity` groups: the groups not
joined, and the false merges (one entity carrying forms of two gold groups whose names differ).

    python scripts/check_entity_groups.py EXPORT.json GOLD.json [-v]

EXPORT.json is `counterclaim export --format json`; GOLD.json is laid out like the disputes
set's gold (cases, each with `same_entity`: lists of forms of one name). A form counts where
an entity has it as a mention's surface, an alias or its name (case-folded), as the reference
scorer counts it.
"""

from __future__ import annotations

import json
import sys


def main(export_path: str, gold_path: str, verbose: bool = False) -> int:
    with open(export_path, encoding="utf-8") as f:
        entities = json.load(f).get("entities", [])
    with open(gold_path, encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    by_form: dict[str, set[str]] = {}
    forms_of: dict[str, set[str]] = {}
    names = {e["id"]: e.get("name") for e in entities}
    for entity in entities:
        forms = [str(m.get("surface", "")).lower() for m in entity.get("mentions") or []]
        forms += [str(x).lower() for x in (entity.get("aliases") or []) + [entity.get("name")]]
        for form in forms:
            by_form.setdefault(form, set()).add(entity["id"])
            forms_of.setdefault(entity["id"], set()).add(form)
    groups = joined = 0
    canonical: dict[str, set[str]] = {}
    for case in cases:
        for group in case.get("same_entity") or []:
            for form in group:
                canonical.setdefault(form.lower(), set()).add(group[0].lower())
            found = {f: by_form[f.lower()] for f in group if f.lower() in by_form}
            if len(found) < 2:
                continue
            groups += 1
            ok = bool(set.intersection(*found.values()))
            joined += ok
            if verbose or not ok:
                shown = {f: sorted(str(names[i]) for i in ids) for f, ids in found.items()}
                print("joined" if ok else "apart ", case.get("id"), shown)
    false_merges = 0
    for entity_id, forms in forms_of.items():
        named = [frozenset(canonical[f]) for f in forms if f in canonical]
        # two groups of one thing in two cases share a canonical name; others are a merge
        if named and not any(all(a & b for b in named) for a in named):
            false_merges += 1
            print("false merge?", names[entity_id], sorted(set().union(*named)))
    print(f"groups joined {joined}/{groups}; entities with forms of two gold names: {false_merges}")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "-v"]
    sys.exit(main(args[0], args[1], "-v" in sys.argv))
