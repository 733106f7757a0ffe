#!/usr/bin/env python3
"""How often can ANY scan name the 3.3-3.7 TeV window rather than 3.1-3.5 TeV on dijet_pythia at 1 % S/B?

The 3.5 TeV signal of ../shared/data/dijet_pythia reconstructs low (median mjj 3.38 TeV), so the windows
3.1-3.5 and 3.3-3.7 TeV hold about the same signal; 3.3-3.7 TeV has less background, so its expected
significance is higher by the ratio of S/sqrt(B) (about 1.1), whatever the classifier. The two windows share
3.3-3.5 TeV, so their significances are correlated, but Poisson fluctuations of the selected counts still decide
which is larger in a good fraction of experiments.

This script counts the signal and QCD events of the three 200 GeV slices 3.1-3.3, 3.3-3.5, 3.5-3.7 TeV (the
signal scaled so that 3.3-3.7 TeV holds S/B = 1 %, as `bench scan --s-over-b 0.01` injects it), then for an
idealised selection (a cut passing a fraction eff of the background and SIC * sqrt(eff) of the signal, the same in
both windows) draws Poisson counts of the three slices and compares Z = (n - b) / sqrt(b) of the two windows with
the background b KNOWN exactly (no fit uncertainty: the best case). It prints the expected Z of both windows and
the fraction of pseudo-experiments in which 3.3-3.7 TeV comes out more significant.

Usage: OMP_NUM_THREADS=1 python3 bench/scan_naming_odds.py [DATA_DIR] [--experiments N] [--seed S]
"""
import argparse
import os

import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data",
                                                             "dijet_pythia"))
    ap.add_argument("--experiments", type=int, default=200000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    sig = np.loadtxt(os.path.join(a.data, "signal_3500_500_100_000.csv.gz"), delimiter=",", skiprows=1,
                     usecols=[14]) / 1000
    qcd = np.concatenate([np.loadtxt(os.path.join(a.data, "qcd_full_%03d.csv.gz" % i), delimiter=",", skiprows=1,
                                     usecols=[14]) for i in range(4)]) / 1000
    q16, q50, q84 = np.percentile(sig, [16, 50, 84])
    print("signal: %d events, reconstructed mjj median %.3f TeV, 16-84 %% range %.3f-%.3f TeV" % (len(sig), q50, q16, q84))
    inside = lambda x, lo, hi: ((x >= lo) & (x < hi))
    n_inject = 419 / inside(sig, 3.3, 3.7).mean()
    for lo, hi in [(3.1, 3.5), (3.3, 3.7)]:
        s = n_inject * inside(sig, lo, hi).mean()
        b = inside(qcd, lo, hi).sum()
        print("window %.1f-%.1f TeV: signal %.0f (%.1f %% of it), QCD %d, S/sqrt(B) %.3f"
              % (lo, hi, s, 100 * inside(sig, lo, hi).mean(), b, s / np.sqrt(b)))
    edges = [3.1, 3.3, 3.5, 3.7]
    S = np.array([n_inject * inside(sig, lo, hi).mean() for lo, hi in zip(edges[:-1], edges[1:])])
    B = np.array([inside(qcd, lo, hi).sum() for lo, hi in zip(edges[:-1], edges[1:])], dtype=float)
    rng = np.random.default_rng(a.seed)
    print("%d pseudo-experiments per row, background known exactly" % a.experiments)
    print("%5s %6s %8s | %12s %12s | %s" % ("SIC", "eff_b", "eff_s", "Z 3.1-3.5", "Z 3.3-3.7", "P(3.3-3.7 more significant)"))
    for sic in [1.0, 1.5, 2.0, 3.0, 4.5, 6.0, 8.0]:
        for eff in [0.2, 0.05, 0.01]:
            eff_s = min(1.0, sic * np.sqrt(eff))
            b = B * eff
            s = S * eff_s
            n = rng.poisson(b + s, size=(a.experiments, 3))
            z_a = (n[:, 0] + n[:, 1] - b[0] - b[1]) / np.sqrt(b[0] + b[1])
            z_c = (n[:, 1] + n[:, 2] - b[1] - b[2]) / np.sqrt(b[1] + b[2])
            print("%5.1f %6.2f %8.3f | %12.2f %12.2f | %.3f" % (
                sic, eff, eff_s, (s[0] + s[1]) / np.sqrt(b[0] + b[1]), (s[1] + s[2]) / np.sqrt(b[1] + b[2]),
                (z_c > z_a).mean()))


if __name__ == "__main__":
    main()
