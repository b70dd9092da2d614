#!/usr/bin/env python3
"""Validate an iCalendar file written by `convene export --format ics` with an independent parser.

Usage: ics_validate.py FILE.ics [--expect N]

Parses FILE with the `icalendar` package (pip install icalendar) and checks what calendar
programs rely on: a VCALENDAR with VERSION 2.0 and PRODID; every VEVENT has UID, DTSTAMP,
DTSTART, DTEND and SUMMARY; all-day DTSTART/DTEND are dates with DTEND after DTSTART (exclusive);
UIDs are unique; every physical line ends in CRLF and is at most 75 octets (RFC 5545 3.1).
Prints the number of events; with --expect N, fails unless there are exactly N.
Exits 0 when valid, 1 when not (every problem printed), 2 on bad usage or a missing package.
"""
import datetime
import sys


def main(argv):
    args = argv[1:]
    expect = None
    if "--expect" in args:
        i = args.index("--expect")
        try:
            expect = int(args[i + 1])
        except (IndexError, ValueError):
            print("usage: ics_validate.py FILE.ics [--expect N]", file=sys.stderr)
            return 2
        del args[i:i + 2]
    if len(args) != 1:
        print("usage: ics_validate.py FILE.ics [--expect N]", file=sys.stderr)
        return 2
    try:
        import icalendar
    except ImportError:
        print("ics_validate: the 'icalendar' package is missing (pip install icalendar)", file=sys.stderr)
        return 2
    path = args[0]
    with open(path, "rb") as f:
        raw = f.read()
    problems = []

    # Octet-level rules the parser forgives: CRLF everywhere, lines folded at 75 octets.
    lines = raw.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        problems.append("the file does not end with a line break")
    for n, line in enumerate(lines, 1):
        if not line.endswith(b"\r"):
            problems.append(f"line {n}: ends in LF alone, expected CRLF")
        line = line[:-1] if line.endswith(b"\r") else line
        if b"\r" in line:
            problems.append(f"line {n}: a CR that is not part of CRLF")
        if len(line) > 75:
            problems.append(f"line {n}: {len(line)} octets, more than 75 (not folded)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"not UTF-8: {e}")

    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # the parser's own refusal
        print(f"{path}: error: icalendar cannot parse the file: {e}")
        return 1
    if cal.name != "VCALENDAR":
        problems.append(f"the top component is {cal.name}, expected VCALENDAR")
    if str(cal.get("VERSION", "")) != "2.0":
        problems.append("VERSION:2.0 is missing")
    if not cal.get("PRODID"):
        problems.append("PRODID is missing")

    events = list(cal.walk("VEVENT"))
    uids = {}
    for i, ev in enumerate(events, 1):
        name = str(ev.get("UID", f"VEVENT #{i}"))
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            if ev.get(prop) is None:
                problems.append(f"{name}: {prop} is missing")
        uid = ev.get("UID")
        if uid is not None:
            if str(uid) in uids:
                problems.append(f"{name}: UID used twice (events #{uids[str(uid)]} and #{i})")
            uids[str(uid)] = i
        start, end = ev.get("DTSTART"), ev.get("DTEND")
        if start is not None and end is not None:
            s, e = start.dt, end.dt
            if type(s) is not type(e):
                problems.append(f"{name}: DTSTART and DTEND are of different types")
            elif isinstance(s, datetime.date) and not isinstance(s, datetime.datetime):
                if e <= s:
                    problems.append(f"{name}: all-day DTEND {e} is not after DTSTART {s} (it is exclusive)")
            elif e < s:
                problems.append(f"{name}: DTEND {e} is before DTSTART {s}")
    for p in problems:
        print(f"{path}: error: {p}")
    print(f"{path}: {len(events)} events" + ("" if problems else ", valid"))
    if expect is not None and len(events) != expect:
        print(f"{path}: error: expected {expect} events, found {len(events)}")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
