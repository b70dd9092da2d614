#!/usr/bin/env python3
"""The JSON Schemas of docs/schema/ checked by an independent validator (Python's jsonschema,
draft 2020-12, with format checking: "date" needs no extra package).

    schema_validate.py --convene .build/debug/convene

1. Every bundled file (Scenarios/*.json) and every file of the test corpus that `convene`
   accepts (Tests/ConveneTests/Corpus, its cases.json) is valid against its schema: the schema
   never refuses a file that `convene` accepts.
2. .ci/checks/bad-scenarios/: each *.valid.json is accepted by the schema and by `convene
   solve`; every other file is refused by the schema and by `convene solve` (exit status 2).
3. 300 seeded mutations of base.valid.json (a field removed, or set to null, a number out of
   range, a string, a wrong type …): each one `convene` accepts, the schema accepts too.
Exits 1 on the first kind of failure listed, after listing them all.
"""

import argparse
import copy
import glob
import json
import os
import random
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def rfc3339_date(text) -> bool:
    """RFC 3339's full-date, as the schema's "format": "date" means it: years 0000 to 9999
    (Python's date, which jsonschema's own checker uses, refuses the year 0000 that convene and
    RFC 3339 accept), the month's days in the proleptic Gregorian calendar."""
    if not isinstance(text, str):
        return True
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not (text[:4] + text[5:7] + text[8:]).isdigit():
        return False
    y, m, d = int(text[:4]), int(text[5:7]), int(text[8:])
    leap = y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
    return 1 <= m <= 12 and 1 <= d <= [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]


def validator(name):
    with open(os.path.join(ROOT, "docs", "schema", name)) as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    formats = FormatChecker()
    formats.checks("date")(rfc3339_date)
    return Draft202012Validator(schema, format_checker=formats)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--convene", required=True, help="the convene binary")
    a = ap.parse_args()
    # The date format is checked, not merely annotated.
    assert not FormatChecker().conforms("2018-02-30", "date"), "jsonschema does not check the date format"
    assert [rfc3339_date(t) for t in ("2018-02-30", "2016-02-29", "1900-02-29", "0000-02-29", "2017-6-01")] == [False, True, False, True, False]
    schemas = {"scenario/1": validator("scenario-1.schema.json"), "calendar/1": validator("calendar-1.schema.json")}
    failures = []

    def errors(path):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        fmt = doc.get("format") if isinstance(doc, dict) else None
        v = schemas.get(fmt, schemas["scenario/1"])
        e = best_match(v.iter_errors(doc))
        return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"] if e else []

    accepted = sorted(glob.glob(os.path.join(ROOT, "Scenarios", "*.json")))
    corpus = os.path.join(ROOT, "Tests", "ConveneTests", "Corpus")
    with open(os.path.join(corpus, "cases.json")) as f:
        cases = json.load(f)["cases"]
    accepted += [os.path.join(corpus, "valid", n) for n in ("scenario.json", "calendar.json")]
    accepted += sorted({os.path.join(corpus, c["file"]) for c in cases
                        if c.get("status") != 2 and c.get("kind") in ("scenario", "calendar")})
    for path in accepted:
        for e in errors(path):
            failures.append(f"{os.path.relpath(path, ROOT)}: convene accepts it, the schema refuses it: {e}")
    print(f"schema: {len(accepted)} files convene accepts (bundled and corpus), each valid against its schema")

    bad = sorted(glob.glob(os.path.join(ROOT, ".ci", "checks", "bad-scenarios", "*.json")))
    for path in bad:
        name = os.path.relpath(path, ROOT)
        good = path.endswith(".valid.json")
        errs = errors(path)
        run = subprocess.run([a.convene, "solve", path, "--time-limit", "10"], capture_output=True, text=True)
        if good:
            if errs:
                failures.append(f"{name}: the schema refuses it: {errs[0]}")
            if run.returncode == 2:
                failures.append(f"{name}: convene refuses it: {run.stderr.strip()}")
        else:
            if not errs:
                failures.append(f"{name}: the schema accepts it")
            if run.returncode != 2:
                failures.append(f"{name}: convene solve exits {run.returncode}, not 2")
            print(f"  {os.path.basename(path):32} schema: {errs[0] if errs else 'ACCEPTED'}")
            print(f"  {'':32} convene: {run.stderr.strip().splitlines()[0] if run.stderr.strip() else '(nothing)'}")
    print(f"schema: {len(bad)} files of .ci/checks/bad-scenarios, each judged alike by the schema and by convene")
    failures += mutations(a.convene, schemas["scenario/1"])
    for f in failures:
        print("FAIL " + f, file=sys.stderr)
    return 1 if failures else 0


VALUES = [None, 0, 1, -1, 0.5, 0.3, 2.0, 1e9, 1e9 + 1, "", "x", "2017-05-08", "2017-02-30", "0000-01-03", "mon",
          True, False, [], {}, ["GVA"], {"min": 1, "max": 2}, "all", {"kind": "thematic"}, {"ids": []}, [None]]


def mutations(convene, validator, count=300, seed=23):
    """Every mutation `convene solve` does not refuse must be valid against the schema."""
    with open(os.path.join(ROOT, ".ci", "checks", "bad-scenarios", "base.valid.json")) as f:
        base = json.load(f)
    base["external"] = [{"id": "X", "category": "GFMD", "place": "Geneva", "start": "2017-05-10", "end": "2017-05-11"}]
    base["constraints"] += [
        {"id": "q", "type": "monthlyQuota", "events": "all", "quota": {"2017-05": 2}, "mode": "atMost"},
        {"id": "r", "type": "rotation", "events": "all", "minPerVenue": {"GVA": 1}},
        {"id": "a", "type": "avoidExternal", "events": "all", "external": {"category": "GFMD"}, "scope": "samePlace"},
        {"id": "t", "type": "totalDays", "events": {"ids": ["TS1"]}, "min": 1, "max": 5},
        {"id": "c", "type": "chain", "events": ["TS1", "TS2"], "minDays": 2},
        {"id": "n", "type": "noOverlap", "events": "all", "travelDays": 1}]
    base["objective"] = {"preferredStartWeight": 2}
    base["events"][0].update({"window": {"earliest": "2017-05-01"}, "startWeekdays": ["mon", "tue"],
                              "preferredStart": "2017-05-08", "contiguous": True})

    def paths(x, p=()):
        if p:
            yield p
        items = x.items() if isinstance(x, dict) else enumerate(x) if isinstance(x, list) else []
        for k, y in items:
            yield from paths(y, p + (k,))

    rng, where, folder = random.Random(seed), list(paths(base)), tempfile.mkdtemp(prefix="schema-mutations-")
    failures, accepted = [], 0
    for n in range(count):
        doc = copy.deepcopy(base)
        for _ in range(rng.randint(1, 2)):
            parent, p = doc, rng.choice(where)
            try:
                for q in p[:-1]:
                    parent = parent[q]
                if isinstance(parent, dict) and rng.random() < 0.25:
                    parent.pop(p[-1], None)
                else:
                    parent[p[-1]] = copy.deepcopy(rng.choice(VALUES))
            except (KeyError, IndexError, TypeError):
                pass
        path = os.path.join(folder, f"mutation-{n}.json")
        with open(path, "w") as f:
            json.dump(doc, f)
        if subprocess.run([convene, "solve", path, "--time-limit", "5"], capture_output=True).returncode == 2:
            continue
        accepted += 1
        e = best_match(validator.iter_errors(doc))
        if e:
            failures.append(f"{path}: convene accepts it, the schema refuses it: {'/'.join(map(str, e.absolute_path))}: {e.message}")
    print(f"schema: {count} mutations of base.valid.json, {accepted} accepted by convene, each valid against the schema")
    return failures


if __name__ == "__main__":
    sys.exit(main())
