"""Print every dev claim as a compact item for blind stance labelling (round 2).

The existing "stance" field is never printed. Run from /work/main:
    python bench/dev/stance_round2/items.py [file-stem ...]
"""
import json
import re
import sys

sys.path.insert(0, "bench")
from corpora import text_of  # noqa: E402

FILES = ["claims_ecbplus_a", "claims_polnear", "claims_ecbplus_b"]
_cache = {}


def text(corpus, doc):
    if (corpus, doc) not in _cache:
        _cache[(corpus, doc)] = text_of(corpus, doc)
    return _cache[(corpus, doc)]


def clean(s):
    return re.sub(r"\s+", " ", s).strip()


def context(t, lo, hi, width=300):
    """The sentence(s) holding [lo, hi), widened to about `width` characters."""
    start = lo
    while start > 0 and not (t[start - 1] in ".!?\n" and start < lo - 1) and lo - start < width:
        start -= 1
    end = hi
    while end < len(t) and t[end - 1] not in ".!?\n" and end - hi < width:
        end += 1
    if end - start < width:
        pad = (width - (end - start)) // 2
        start, end = max(0, start - pad), min(len(t), end + pad)
    return clean(t[start:end])


def main(stems):
    for stem in stems:
        with open(f"bench/dev/{stem}.jsonl") as f:
            for n, line in enumerate(f, 1):
                c = json.loads(line)
                t = text(c["corpus"], c["doc"])
                spans = [p for p in c["content"]]
                for key in ("cue", "source"):
                    if c.get(key):
                        spans.append(c[key])
                lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
                cue = t[c["cue"][0]:c["cue"][1]] if c.get("cue") else "(none)"
                content = " | ".join(clean(t[a:b]) for a, b in c["content"])
                print(f"## {stem}:{n}  [{c['claimant']}]  cue=«{cue}»")
                print(f"   CTX: {context(t, lo, hi)}")
                print(f"   CON: {content}")


if __name__ == "__main__":
    main(sys.argv[1:] or FILES)
