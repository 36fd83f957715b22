#!/usr/bin/env python3
"""Checks the #include lines of src/ against the rules of docs/internals/layering.md
(the ```rules block): which folder may include which, the allowed exceptions, and
include circles between folders. Exit 0 when clean, 1 with one line per violation,
2 on bad usage or unreadable rules.

    check_layering.py [--src DIR] [--rules FILE]      (defaults: the repository's)
"""
import argparse, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INCLUDE = re.compile(r'^\s*#\s*include\s+"([A-Za-z0-9_]+)/([^"]+)"', re.M)


def die(msg):
    print(f"check_layering: {msg}", file=sys.stderr)
    sys.exit(2)


def read_rules(path):
    try:
        text = path.read_text()
    except OSError as e:
        die(f"cannot read the rules {path}: {e.strerror}")
    m = re.search(r"```rules\n(.*?)```", text, re.S)
    if not m:
        die(f"{path} has no ```rules block")
    may, allow, cycles = {}, set(), set()
    for n, line in enumerate(m.group(1).splitlines(), 1):
        line = line.split(" -- ")[0].strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        if words[0] == "allow" and len(words) == 3:
            allow.add((words[1], words[2]))
        elif words[0] == "allow-cycle" and len(words) >= 3:
            cycles.add(frozenset(words[1:]))
        elif words[0].endswith(":"):
            may[words[0][:-1]] = set(words[1:])
        else:
            die(f"{path}: rules line {n} is neither 'FOLDER: ...', 'allow FILE HEADER' nor 'allow-cycle A B': {line}")
    return may, allow, cycles


def scan(src):
    """(file relative to the repository, folder, included folder, included path) per include."""
    out = []
    for f in sorted(src.rglob("*")):
        if f.suffix not in (".c", ".h", ".def") or not f.is_file():
            continue
        folder = f.relative_to(src).parts[0]
        rel = f"src/{f.relative_to(src).as_posix()}"
        for m in INCLUDE.finditer(f.read_text(errors="replace")):
            if (src / m.group(1)).is_dir():
                out.append((rel, folder, m.group(1), f"{m.group(1)}/{m.group(2)}"))
    return out


def circles(edges):
    """Strongly connected components of more than one folder (Tarjan)."""
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = set()
            while True:
                w = stack.pop()
                on.discard(w)
                comp.add(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return comps


def main():
    ap = argparse.ArgumentParser(description="check the include layering of src/")
    ap.add_argument("--src", type=Path, default=ROOT / "src")
    ap.add_argument("--rules", type=Path, default=ROOT / "docs/internals/layering.md")
    a = ap.parse_args()
    if not a.src.is_dir():
        die(f"no source directory {a.src}")
    may, allow, allowed_cycles = read_rules(a.rules)
    bad = []
    edges, example = {}, {}
    for rel, folder, inc, path in scan(a.src):
        if inc == folder:
            continue
        edges.setdefault(folder, set()).add(inc)
        example.setdefault((folder, inc), f"{rel} includes {path}")
        if folder not in may:
            bad.append(f"{rel}: folder src/{folder} has no rule in {a.rules.name}: add one")
        elif inc not in may[folder] and (rel, path) not in allow:
            ok = " ".join(sorted(may[folder])) or "nothing else"
            bad.append(f"{rel} includes {path}: src/{folder} may include {ok} ({a.rules.name})")
    for comp in circles(edges):
        if frozenset(comp) in allowed_cycles:
            continue
        links = "; ".join(example[(x, y)] for x in sorted(comp) for y in sorted(edges.get(x, ()))
                          if y in comp)
        bad.append(f"include circle between src/{', src/'.join(sorted(comp))}: {links}")
    for line in dict.fromkeys(bad):
        print(f"check_layering: {line}")
    if not bad:
        print(f"check_layering: {len(edges)} folders that include others, each as {a.rules.name} says")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
