"""Compare round-2 stance labels (labels.tsv) with the first-round "stance" field of the dev claims.

Run from the repository root:  python bench/dev/stance_round2/compare.py
The claims files now hold the adjudicated labels; round 1 is read from git at ROUND1 (the commit before the
adjudication was applied).
Prints agreement overall and per file, Cohen's kappa, a confusion table (round 1 rows x round 2 columns)
and the list of disagreements (file, line, round1, round2).
"""
import csv
import json
import subprocess
from collections import Counter

FILES = ["claims_ecbplus_a", "claims_polnear", "claims_ecbplus_b"]
STANCES = ["assert", "deny", "accuse", "condemn", "demand", "promise", "predict", "warn", "threaten",
           "question", "concede", "praise"]
HERE = "bench/dev/stance_round2"
ROUND1 = "0a10669"


def load():
    r2 = {}
    with open(f"{HERE}/labels.tsv") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            r2[(row["file"], int(row["line"]))] = row["stance"]
    pairs = []
    for stem in FILES:
        text = subprocess.run(["git", "show", f"{ROUND1}:bench/dev/{stem}.jsonl"], capture_output=True, text=True,
                              check=True).stdout
        for n, line in enumerate(text.splitlines(), 1):
            pairs.append((stem, n, json.loads(line)["stance"], r2[(stem, n)]))
    return pairs


def kappa(pairs):
    n = len(pairs)
    po = sum(a == b for *_, a, b in pairs) / n
    c1 = Counter(a for *_, a, _ in pairs)
    c2 = Counter(b for *_, b in pairs)
    pe = sum(c1[s] * c2[s] for s in set(c1) | set(c2)) / n / n
    return po, pe, (po - pe) / (1 - pe)


def table(pairs):
    used = [s for s in STANCES if any(s in (a, b) for *_, a, b in pairs)]
    extra = sorted({x for *_, a, b in pairs for x in (a, b)} - set(STANCES))
    used += extra
    conf = Counter((a, b) for *_, a, b in pairs)
    head = "| r1 \\ r2 | " + " | ".join(used) + " | total |"
    lines = [head, "|" + "---|" * (len(used) + 2)]
    for a in used:
        cells = [str(conf[(a, b)]) if conf[(a, b)] else "." for b in used]
        lines.append(f"| **{a}** | " + " | ".join(cells) + f" | {sum(conf[(a, b)] for b in used)} |")
    lines.append("| total | " + " | ".join(str(sum(conf[(a, b)] for a in used)) for b in used)
                 + f" | {len(pairs)} |")
    return "\n".join(lines)


def main():
    pairs = load()
    po, pe, k = kappa(pairs)
    print(f"overall: {sum(a == b for *_, a, b in pairs)}/{len(pairs)} = {po:.3f}  kappa = {k:.3f} (pe {pe:.3f})")
    for stem in FILES:
        sub = [p for p in pairs if p[0] == stem]
        spo, spe, sk = kappa(sub)
        print(f"{stem}: {sum(a == b for *_, a, b in sub)}/{len(sub)} = {spo:.3f}  kappa = {sk:.3f}")
    print()
    print(table(pairs))
    print()
    print("round-1 distribution:", dict(Counter(a for *_, a, _ in pairs).most_common()))
    print("round-2 distribution:", dict(Counter(b for *_, b in pairs).most_common()))
    print()
    for stem, n, a, b in pairs:
        if a != b:
            print(f"DIS\t{stem}\t{n}\t{a}\t{b}")


if __name__ == "__main__":
    main()
