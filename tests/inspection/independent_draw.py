"""An independent verifier of a published draw, written from docs/draw-spec.md alone.

Standard library only (hashlib); it imports nothing of Fazhi's. Usage:

    python independent_draw.py <folder>

where the folder holds the published files: manifest.txt, reveals.txt (one revealed secret
per line in the manifest's commitment order, an empty line for a missing one),
public-value.txt (only when the manifest names a public value), entities.txt,
inspectors.txt, conflicts.txt and result.txt. Prints OK and exits 0 when the result file is
exactly the draw the published inputs give, else prints the first difference and exits 1.
"""

import hashlib
import sys
from pathlib import Path


def H(b):
    return hashlib.sha256(b).digest()


def u64(d):
    return int.from_bytes(d[:8], "big")


def verify(folder):
    folder = Path(folder)
    read = lambda name: (folder / name).read_bytes()  # noqa: E731
    manifest = read("manifest.txt")
    fields = [line.split(" ", 1) for line in manifest.decode().splitlines()]
    if fields[0] != ["fazhi-draw/1"]:
        return "not a fazhi-draw/1 manifest"
    team = None
    ratio, commits, digests, public_label = {}, [], {}, None
    for f in fields[1:]:
        if f[0] == "team":
            team = int(f[1])
        elif f[0] == "ratio":
            s, r = f[1].split(" ")
            ratio[s] = int(r)
        elif f[0] in ("entities", "inspectors", "conflicts"):
            digests[f[0]] = f[1]
        elif f[0] == "commit":
            commits.append(f[1])
        elif f[0] == "public":
            public_label = f[1]
    for name in ("entities", "inspectors", "conflicts"):
        if hashlib.sha256(read(name + ".txt")).hexdigest() != digests[name]:
            return f"{name}.txt does not match its published digest"

    # The seed: reveals that open their commitment count, others are empty.
    reveals = read("reveals.txt").decode().split("\n")[: len(commits)]
    reveals += [""] * (len(commits) - len(reveals))
    counted = []
    for c, r in zip(commits, reveals, strict=True):
        try:
            ok = r != "" and hashlib.sha256(bytes.fromhex(r)).hexdigest() == c
        except ValueError:
            ok = False
        counted.append(r if ok else "")
    material = manifest + "".join(f"reveal {r}\n" for r in counted).encode()
    if public_label is not None:
        material += b"public-value " + read("public-value.txt").strip(b"\n") + b"\n"
    seed = H(material)

    # The pools.
    strata, lines, i = {}, read("entities.txt").decode().splitlines(), 0
    while i < len(lines):
        _, name, count = lines[i].split(" ")
        strata[name] = lines[i + 1 : i + 1 + int(count)]
        i += 1 + int(count)
    inspectors = read("inspectors.txt").decode().splitlines()
    conflicts = {tuple(x.split(" ")) for x in read("conflicts.txt").decode().splitlines()}

    # Selection.
    def key(code):
        return (u64(H(seed + b"E" + code.encode())), code)

    targets = []
    for s, codes in strata.items():
        k = (len(codes) * ratio[s] + 999) // 1000
        targets += [(key(c), c, s) for c in sorted(codes, key=key)[:k]]
    targets.sort()

    # Assignment.
    load = {o: 0 for o in inspectors}

    def prio(o):
        return (load[o], u64(H(seed + b"I" + str(load[o]).encode() + b":" + o.encode())), o)

    expected = []
    for _, code, s in targets:
        chosen = []
        for _ in range(team):
            eligible = [o for o in inspectors if (o, code) not in conflicts and o not in chosen]
            chosen.append(min(eligible, key=prio))
        for o in chosen:
            load[o] += 1
        expected.append(" ".join([code, s, *chosen]))

    published = read("result.txt").decode().splitlines()
    if published != expected:
        for n, (a, b) in enumerate(zip(published, expected, strict=False)):
            if a != b:
                return f"line {n + 1}: published {a!r}, derived {b!r}"
        return f"published {len(published)} targets, derived {len(expected)}"
    return None


if __name__ == "__main__":
    problem = verify(sys.argv[1])
    print(problem or "OK")
    sys.exit(1 if problem else 0)
