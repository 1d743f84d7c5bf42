#!/usr/bin/env python3
"""Checks that every English string the app localizes has a Spanish translation.

Keys are collected from src/Groundwork:
  - L["…"] and L["…", args] in .razor and .cs files (and every string literal inside L[ expression ]
    when the key is computed, e.g. L[x switch { … => "…" }]);
  - the English names that KindNames.cs and Audit/AuditNames.cs return, used as L[KindNames.Of(…)];
  - the titles of Failure values (Failure.NotFound/Conflict/Invalid/Forbidden(…), new Failure(…)),
    which pages show as L[r.Failure.Title];
  - the templates of Organizing/Structure/ImportMessages.cs (pages show them through ImportMessages.Localize);
  - the members of enums that pages show as L[x.ToString()], and the raw audit action names.
  - the ErrorMessage texts of the input records' validation attributes, and the constants named …Message that
    they use (pages show them through L[…]).
Then compares them with the Spanish tables — each feature's <Feature>/Resources/<Feature>.es.resx and the shared
Web/Resources/Shared.es.resx (Web/AppStrings merges them): missing keys, unused entries, a key in two tables, and
translations whose {0} placeholders differ from the key's.

Usage: tools/check-l10n.py [--list] [--missing]   exit code 1 when a key has no translation.
"""
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "Groundwork")
def resx_files():
    for d, dirs, files in os.walk(ROOT):
        dirs[:] = [x for x in dirs if x not in ("bin", "obj")]
        for f in files:
            if f.endswith(".es.resx"):
                yield os.path.join(d, f)
# Enums whose member names are shown through L[value.ToString()].
ENUMS = ["Role", "UnitKind", "RequestStatus", "InvitationState", "MembershipStatus"]
# Files whose returned string literals are English names used as keys.
NAME_FILES = ["KindNames.cs", "AuditNames.cs"]
# Literals the patterns catch that are never shown: Settings.razor's Failure.Invalid("name") only marks a field.
IGNORE = {"name"}

STRING = r'"((?:[^"\\\n]|\\.)*)"'


def unescape(s):
    return re.sub(r'\\(u[0-9a-fA-F]{4}|.)', lambda m: chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == 'u' and len(m.group(1)) == 5
                  else {'n': '\n', 't': '\t', '"': '"', '\\': '\\', "'": "'", '0': '\0'}.get(m.group(1), m.group(1)), s)


def sources():
    for d, dirs, files in os.walk(ROOT):
        dirs[:] = [x for x in dirs if x not in ("bin", "obj")]
        for f in files:
            if f.endswith((".razor", ".cs")):
                p = os.path.join(d, f)
                with open(p, encoding="utf-8-sig") as fh:
                    yield os.path.relpath(p, ROOT), fh.read()


def first_argument(text, start):
    """The text of the first argument of the indexer opened at text[start] == '['."""
    depth, i, out = 0, start + 1, []
    while i < len(text):
        c = text[i]
        if c == '"':
            m = re.compile(STRING).match(text, i)
            if not m:
                break
            out.append(m.group(0)); i = m.end(); continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif c == ',' and depth == 0:
            break
        out.append(c); i += 1
    return "".join(out)


def collect():
    keys, problems = {}, []
    def add(k, where):
        if k not in IGNORE:
            keys.setdefault(k, where)
    for rel, text in sources():
        for m in re.finditer(r'(?<![\w.])L\[', text):
            arg = first_argument(text, m.end() - 1).strip()
            line = text.count("\n", 0, m.start()) + 1
            where = f"{rel}:{line}"
            if arg.startswith('$"') or arg.startswith('@"'):
                problems.append(f"{where}: interpolated or verbatim key {arg[:40]}")
                continue
            literals = [unescape(x) for x in re.findall(STRING, arg)]
            for lit in literals:
                add(lit, where)
        for m in re.finditer(r'Failure\.(?:NotFound|Conflict|Invalid|Forbidden)\(\s*(\$?)' + STRING, text):
            if m.group(1):
                problems.append(f"{rel}: interpolated failure title {m.group(2)[:40]}")
            else:
                add(unescape(m.group(2)), rel)
        for m in re.finditer(r'new Failure\(\s*\d+\s*,\s*' + STRING, text):
            add(unescape(m.group(1)), rel)
        for m in re.finditer(r'ErrorMessage\s*=\s*' + STRING, text):
            add(unescape(m.group(1)), rel)
        # Validation messages kept in constants (ErrorMessage = XInput.NameMessage) are named …Message.
        for m in re.finditer(r'const string \w*(?:Message|Rule)\s*=\s*' + STRING, text):
            add(unescape(m.group(1)), rel)
        base = os.path.basename(rel)
        if base == "Problems.cs":
            for m in re.finditer(r'string what = ' + STRING, text):
                add(unescape(m.group(1)), rel)
        if base in NAME_FILES:
            for m in re.finditer(r'=>\s*' + STRING, text):
                add(unescape(m.group(1)), rel)
        if base == "ImportMessages.cs":
            for m in re.finditer(r'public const string \w+ = ' + STRING, text):
                add(unescape(m.group(1)), rel)
        if base == "AuditLog.cs":
            for m in re.finditer(r'public const string \w+ = ' + STRING, text):
                add(unescape(m.group(1)), rel)
        for name in ENUMS:
            for m in re.finditer(r'\benum ' + name + r'\s*\{([^}]*)\}', text):
                for member in re.findall(r'^\s*(\w+)', m.group(1), re.M) + re.findall(r',\s*(\w+)', m.group(1)):
                    add(member, rel)
    # .resx names are case-insensitive: two keys differing only in case cannot both be translated.
    seen = {}
    for k in sorted(keys):
        if k.lower() in seen:
            problems.append(f"keys differ only in case: {seen[k.lower()]!r} and {k!r} ({keys[k]})")
        seen.setdefault(k.lower(), k)
    return keys, problems


def translations(problems=None):
    out, where = {}, {}
    for path in sorted(resx_files()):
        rel = os.path.relpath(path, ROOT)
        for d in ET.parse(path).getroot().iter("data"):
            k = d.get("name")
            if k in where and problems is not None:
                problems.append(f"{k!r} is in two tables: {where[k]} and {rel}")
            where.setdefault(k, rel)
            out[k] = d.findtext("value") or ""
    return out


def placeholders(s):
    return sorted(set(re.findall(r'\{(\d+)(?:[,:][^}]*)?\}', s)))


def main():
    keys, problems = collect()
    es = translations(problems)
    if "--list" in sys.argv:
        json.dump(sorted(keys), sys.stdout, ensure_ascii=False, indent=1); print(); return 0
    missing = sorted(k for k in keys if k not in es or not es[k].strip())
    if "--missing" in sys.argv:
        json.dump(missing, sys.stdout, ensure_ascii=False, indent=1); print(); return 1 if missing else 0
    unused = sorted(k for k in es if k not in keys)
    mismatched = sorted(k for k in keys if k in es and placeholders(k) != placeholders(es[k]))
    for p in problems:
        print("problem:", p)
    for k in missing:
        print(f"missing: {k!r}  ({keys[k]})")
    for k in mismatched:
        print(f"placeholders differ: {k!r} -> {es[k]!r}")
    for k in unused:
        print(f"unused: {k!r}")
    print(f"{len(keys)} keys, {len(keys) - len(missing)} translated, {len(missing)} missing, {len(unused)} unused")
    return 1 if missing or mismatched or problems else 0


if __name__ == "__main__":
    sys.exit(main())
