#!/usr/bin/env python3
"""Verdict table of ClassifierBenchmark runs: ours minus the scikit-learn reference, per split seed.

Usage: compare_runs.py RESULTS.json [RESULTS.json ...]   (results.json files written by ClassifierBenchmark
--out DIR; runs of the same split seed are merged). For every pair (ours, reference) present in a run, prints the
difference in AUC and max SIC and the combined bootstrap std sqrt(std_ours^2 + std_ref^2); the issue's criterion "ours >= the reference
within the bootstrap uncertainty" is met ("ok") when the difference is >= -1 combined std.
"""
import json
import sys

PAIRS = [("java-mlpx5", "sklearn-mlp-cathodex5"), ("java-hgbx5", "sklearn-hgbx5")]


def main(paths):
    by_seed = {}
    for p in paths:
        with open(p) as f:
            r = json.load(f)
        # several runs of one split seed (e.g. a trees run and an MLP run) are merged
        by_seed.setdefault(r["seed"], {"seed": r["seed"], "results": {}})["results"].update(r["results"])
    runs = [by_seed[k] for k in sorted(by_seed)]
    print("split seeds: " + ", ".join(str(r["seed"]) for r in runs))
    failures = 0
    for mode in ("idealized", "supervised"):
        for ours, ref in PAIRS:
            for metric in ("auc", "maxSic"):
                cells = []
                for r in runs:
                    a = r["results"].get(f"{mode}/{ours}")
                    b = r["results"].get(f"{mode}/{ref}")
                    if a is None or b is None:
                        cells.append("-")
                        continue
                    diff = a[metric] - b[metric]
                    err = (a[metric + "Std"] ** 2 + b[metric + "Std"] ** 2) ** 0.5
                    ok = diff >= -err
                    failures += 0 if ok else 1
                    fmt = "{:+.4f} ({:.4f})" if metric == "auc" else "{:+.2f} ({:.2f})"
                    cells.append(fmt.format(diff, err) + (" ok" if ok else " NO"))
                if any(c != "-" for c in cells):
                    print(f"{mode:10s} {ours} - {ref:22s} {metric:6s} | " + " | ".join(cells))
    print(f"comparisons not met: {failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
