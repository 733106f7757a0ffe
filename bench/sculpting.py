#!/usr/bin/env python3
"""Sculpting of the ML scan's cuts, measured on a finished `run` directory (issue 15, item 7).

For every computed window and efficiency: the cut's efficiency on all selected events (data) in the signal region
and in the 400 GeV below and above it, from the window's selected spectrum (results.json, schema version 2:
scan.windows[].efficiencies[].counts on the fit bins scan.windows[].edges) and the inclusive spectrum (bumphunt.json:
bumpHunt.binEdges and .counts, the same 100 GeV bin edges). On
background-only data a cut that does not sculpt keeps the same fraction everywhere: the SR / sideband ratio is 1
within its binomial error; the threshold is set on SR data, so a ratio above 1 is a classifier that learned where
the density model is wrong in the SR (or a real signal).

usage: python3 bench/sculpting.py RUN_DIR [SR_FROM_GEV]
  SR_FROM_GEV: also summarise the windows whose SR starts at or above it (e.g. 3400, the default fit's first window)
"""
import json, math, os, sys


def main():
    run = sys.argv[1]
    res = json.load(open(os.path.join(run, "results.json")))
    bh = json.load(open(os.path.join(run, "bumphunt.json")))
    edges, counts = bh["bumpHunt"]["binEdges"], bh["bumpHunt"]["counts"]
    allc = {round(e): c for e, c in zip(edges[:-1], counts)}
    print("| SR [GeV] | efficiency | SR: kept / all | eff SR | eff sidebands (400 GeV each side) | ratio SR/SB | "
          "(ratio - 1) / error |")
    print("|---|---|---|---|---|---|---|")
    pulls, above = [], []
    since = float(sys.argv[2]) if len(sys.argv) > 2 else None
    for w in res["scan"]["windows"]:
        lo, hi = w["signalRegion"]
        wedges = w["edges"]
        for e in sorted(w["efficiencies"], key=lambda e: e["efficiency"]):
            eff, sel = e["efficiency"], e["counts"]
            k_sr = n_sr = k_sb = n_sb = 0
            for a, c in zip(wedges[:-1], sel):
                n = allc.get(round(a))
                if n is None:
                    continue
                if lo <= a < hi:
                    k_sr += c
                    n_sr += n
                elif lo - 400 <= a < lo or hi <= a < hi + 400:
                    k_sb += c
                    n_sb += n
            if n_sr == 0 or n_sb == 0 or k_sb == 0:
                continue
            e_sr, e_sb = k_sr / n_sr, k_sb / n_sb
            ratio = e_sr / e_sb
            err = ratio * math.sqrt((1 - e_sr) / max(k_sr, 1) + (1 - e_sb) / k_sb)
            pull = (ratio - 1) / err
            pulls.append(pull)
            if since is not None and lo >= since:
                above.append(pull)
            print(f"| {lo:.0f}-{hi:.0f} | {eff} | {k_sr:.0f} / {n_sr:.0f} | {e_sr:.4f} | {e_sb:.4f} | {ratio:.3f} +- "
                  f"{err:.3f} | {pull:+.2f} |")
    for what, ps in (("", pulls), (f" with the SR from {since:.0f} GeV" if since is not None else "", above)):
        if ps:
            print(f"\n{len(ps)} (window, efficiency) pairs{what}: mean pull {sum(ps) / len(ps):+.2f}, "
                  f"mean square {sum(p * p for p in ps) / len(ps):.2f} (1 for no sculpting); "
                  f"pulls above 2: {sum(1 for p in ps if p > 2)}")


if __name__ == "__main__":
    main()
