#!/usr/bin/python3
"""Writes the metrics fixtures compared by RocCurveSklearnTest.

Reference: scikit-learn's roc_curve(drop_intermediate=False) and roc_auc_score (Debian python3-sklearn),
numpy.interp for the FPR at fixed TPR, and a direct numpy evaluation of max SIC with >= 25 background
events passing. Run from this directory with the Debian interpreter:  /usr/bin/python3 make_fixtures.py
Each case writes <case>.events.csv (score,label,weight), <case>.roc.csv (threshold,tpr,fpr) and
<case>.expected.txt (key=value).
"""
import numpy as np
import sklearn
from sklearn.metrics import roc_auc_score, roc_curve


def write_case(name, scores, labels, weights):
    np.savetxt(f"{name}.events.csv", np.column_stack([scores, labels, weights if weights is not None
                                                      else np.ones_like(scores)]),
               delimiter=",", fmt=["%.17g", "%d", "%.17g"], header="score,label,weight", comments="")
    fpr, tpr, thr = roc_curve(labels, scores, sample_weight=weights, drop_intermediate=False)
    # sklearn 1.2 puts thresholds[0] = max + 1; >= 1.3 puts +inf. Both mean "nothing passes".
    thr = thr.astype(float).copy()
    thr[0] = np.inf
    np.savetxt(f"{name}.roc.csv", np.column_stack([thr, tpr, fpr]), delimiter=",", fmt="%.17g",
               header="threshold,tpr,fpr", comments="")
    auc = roc_auc_score(labels, scores, sample_weight=weights)
    # max SIC with >= 25 unweighted background events passing: evaluate each distinct threshold directly.
    best = np.nan
    bkg = labels == 0
    for t in np.unique(scores):
        passing = scores >= t
        nb = np.count_nonzero(passing & bkg)
        if nb < 25:
            continue
        w = weights if weights is not None else np.ones_like(scores)
        t_pr = w[passing & ~bkg].sum() / w[~bkg].sum()
        f_pr = w[passing & bkg].sum() / w[bkg].sum()
        sic = t_pr / np.sqrt(f_pr)
        if np.isnan(best) or sic > best:
            best = sic
    with open(f"{name}.expected.txt", "w") as f:
        f.write(f"# sklearn {sklearn.__version__}, numpy {np.__version__}\n")
        f.write(f"auc={auc!r}\n")
        f.write(f"maxSic25={best!r}\n")
        for eff in (0.2, 0.5, 0.8):
            f.write(f"fprAt{eff}={np.interp(eff, tpr, fpr)!r}\n")


rng = np.random.default_rng(20240601)

# 1. ties: scores rounded to one decimal, 300 events, 40 % signal shifted up.
n = 300
labels = (rng.random(n) < 0.4).astype(int)
scores = np.round(rng.normal(0.0, 1.0, n) + 0.8 * labels, 1)
write_case("ties", scores, labels, None)

# 2. weighted, continuous scores with a few exact ties.
n = 400
labels = (rng.random(n) < 0.3).astype(int)
scores = rng.normal(0.0, 1.0, n) + 1.0 * labels
scores[::17] = 0.5
weights = rng.uniform(0.1, 2.0, n)
write_case("weighted", scores, labels, weights)

# 3. heavy ties: integer scores 0..4.
n = 250
labels = (rng.random(n) < 0.5).astype(int)
scores = np.clip(rng.integers(0, 4, n) + labels, 0, 4).astype(float)
write_case("integers", scores, labels, None)
