#!/usr/bin/env python3
"""The ceiling of weak supervision for issue 15's sensitivity benchmark: the idealised anomaly detector (IAD).

The sensitivity benchmark (bench/calibration.py signal) injects a shared Pythia signal into the 305,000 qcd_full
events at S/sqrt(B) = --significance within +-8 % of mA and asks whether `run` names the window. The scan's
classifier learns SR data against background sampled from a density model; the best any such method can do is the
IAD of the CATHODE paper (arXiv:2109.00546): the same classifier trained on SR data against *true* background
events of the same SR (here the independent qcd_extra half of the pool, 235,000 events, i.e. a perfect density model
with finite samples). This script trains it (scikit-learn's HistGradientBoostingClassifier, k-fold: every data event
scored by a model that did not train on it), cuts at the scan's efficiencies on the SR data, and reports the
selected signal S, background B (truth labels) and the expected local significance with the background known,
S / sqrt(B), for each --seeds (the seed picks the injected events and seeds the classifier). Features: the scan's
default (mj1, dmj, tau21_j1, tau21_j2; j1 the lighter jet), so the number is comparable with `run`'s local Z.

usage: OMP_NUM_THREADS=1 /usr/bin/python3 bench/idealized_reach.py --mass 3500 --sr 3400,3800 \
           [--significance 2.5] [--seeds 1,2,3]   (Debian's numpy and scikit-learn)
"""
import argparse, gzip, math, os, platform, time
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "dijet_pythia")
SIGNALS = {2800: "signal_2800_300_300_000", 3500: "signal_3500_500_100_000", 4500: "signal_4500_250_80_000",
           5200: "signal_5200_700_200_000"}
EFFICIENCIES = (0.2, 0.05, 0.01)


def load(names):
    out = []
    for n in names:
        with gzip.open(os.path.join(DATA, n + ".csv.gz"), "rt") as f:
            head = f.readline().strip().split(",")
            cols = [head.index(c) for c in ("mj1", "tau1j1", "tau2j1", "mj2", "tau1j2", "tau2j2", "mjj")]
            out.append(np.array([[float(v[i]) for i in cols] for v in (l.split(",") for l in f)]))
    return np.concatenate(out)


def features(a):
    """mj1, dmj, tau21_j1, tau21_j2 with j1 the lighter jet; mjj last."""
    m1, t11, t21, m2, t12, t22, mjj = a.T
    light = m1 <= m2
    ml = np.where(light, m1, m2)
    mh = np.where(light, m2, m1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r1 = np.nan_to_num(t21 / t11)
        r2 = np.nan_to_num(t22 / t12)
    return np.column_stack([ml, mh - ml, np.where(light, r1, r2), np.where(light, r2, r1), mjj])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mass", type=int, default=3500, choices=sorted(SIGNALS))
    ap.add_argument("--sr", default="3400,3800")
    ap.add_argument("--significance", type=float, default=2.5)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--folds", type=int, default=5)
    a = ap.parse_args()
    lo, hi = (float(v) for v in a.sr.split(","))
    t0 = time.time()
    print("machine: %s, %d cores, load %.2f; numpy %s" % (platform.machine(), os.cpu_count(), os.getloadavg()[0],
                                                           np.__version__))
    qcd = features(load(["qcd_full_%03d" % i for i in range(4)]))
    ref = features(load(["qcd_extra_%03d" % i for i in range(3)]))
    sig = features(load([SIGNALS[a.mass]]))
    w = (qcd[:, 4] >= 0.92 * a.mass) & (qcd[:, 4] < 1.08 * a.mass)
    frac = np.mean((sig[:, 4] >= 0.92 * a.mass) & (sig[:, 4] < 1.08 * a.mass))
    n_inject = math.ceil(a.significance * math.sqrt(w.sum()) / frac)
    print("signal %d GeV: %d of %d events injected (S/sqrt(B) = %.1f within +-8 %% of mA, B = %d); SR [%.0f, %.0f)"
          % (a.mass, n_inject, len(sig), a.significance, w.sum(), lo, hi))
    in_sr = lambda x: x[(x[:, 4] >= lo) & (x[:, 4] < hi)]
    b_sr, r_sr = in_sr(qcd), in_sr(ref)
    print("| seed | S in SR | B in SR | S/sqrt(B) in SR | " + " | ".join("eff %g: S, B, S/sqrt(B)" % e
                                                                   for e in EFFICIENCIES) + " |")
    print("|---|---|---|---|" + "---|" * len(EFFICIENCIES))
    for seed in (int(s) for s in a.seeds.split(",")):
        rng = np.random.default_rng(seed)
        s_sr = in_sr(sig[rng.choice(len(sig), n_inject, replace=False)])
        data = np.concatenate([b_sr, s_sr])
        truth = np.concatenate([np.zeros(len(b_sr)), np.ones(len(s_sr))])
        x = np.concatenate([data, r_sr])[:, :4]
        y = np.concatenate([np.ones(len(data)), np.zeros(len(r_sr))])
        wt = np.where(y == 1, 1.0, len(data) / len(r_sr))
        score = np.zeros(len(data))
        for k, (tr, te) in enumerate(StratifiedKFold(a.folds, shuffle=True, random_state=seed).split(x, y)):
            clf = HistGradientBoostingClassifier(max_iter=200, early_stopping=True, validation_fraction=0.1,
                                                 random_state=seed * 100 + k)
            clf.fit(x[tr], y[tr], sample_weight=wt[tr])
            te_data = te[te < len(data)]
            score[te_data] = clf.predict_proba(x[te_data])[:, 1]
        cells = []
        for e in EFFICIENCIES:
            cut = np.quantile(score, 1 - e)
            sel = score >= cut
            s, b = truth[sel].sum(), (1 - truth[sel]).sum()
            cells.append("%d, %d, %.2f" % (s, b, s / math.sqrt(b)))
        print("| %d | %d | %d | %.2f | %s |" % (seed, len(s_sr), len(b_sr), len(s_sr) / math.sqrt(len(b_sr)),
                                                " | ".join(cells)), flush=True)
    print("took %.0f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
