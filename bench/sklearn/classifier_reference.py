#!/usr/bin/python3
"""scikit-learn reference classifiers for ClassifierBenchmark (org.anomalysearch.jobs.bench).

Usage: classifier_reference.py DIR N_MODELS SEED
Reads DIR/eval_x.npy and, for each mode in (idealized, supervised), DIR/<mode>_x.npy and DIR/<mode>_y.npy
(float64, features mj1 dmj tau21_j1 tau21_j2 in GeV; y in column 0). Trains N_MODELS models of each kind with
random_state SEED + k and writes the mean predicted probability of class 1 on eval_x to
DIR/<mode>_<kind>_scores.txt (one value per line), kind in (mlp, hgb). Timings go to stdout.
Run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (the benchmark does) so it uses one core.

- mlp: StandardScaler + MLPClassifier(64, 64, 64), ReLU, Adam lr 1e-3, batch 128, up to 100 epochs, early
  stopping on a 20 % validation split (patience 10). MLPClassifier takes no sample weights (sklearn 1.2), so the
  classes are not reweighted.
- hgb: HistGradientBoostingClassifier(max_iter 200, early stopping on 10 %, class_weight balanced).
"""
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def make(kind, rs):
    if kind == "mlp":
        return make_pipeline(StandardScaler(), MLPClassifier(
            hidden_layer_sizes=(64, 64, 64), activation="relu", solver="adam", learning_rate_init=1e-3,
            batch_size=128, max_iter=100, early_stopping=True, validation_fraction=0.2, n_iter_no_change=10,
            random_state=rs))
    return HistGradientBoostingClassifier(max_iter=200, early_stopping=True, validation_fraction=0.1,
                                          class_weight="balanced", random_state=rs)


def main():
    d, n_models, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    xe = np.load(os.path.join(d, "eval_x.npy"))
    for mode in ("idealized", "supervised"):
        x = np.load(os.path.join(d, f"{mode}_x.npy"))
        y = np.load(os.path.join(d, f"{mode}_y.npy"))[:, 0].astype(int)
        for kind in ("hgb", "mlp"):
            t0 = time.time()
            s = np.zeros(len(xe))
            for k in range(n_models):
                m = make(kind, seed + k).fit(x, y)
                s += m.predict_proba(xe)[:, 1] / n_models
            np.savetxt(os.path.join(d, f"{mode}_{kind}_scores.txt"), s, fmt="%.17g")
            print(f"sklearn {kind} {mode}: {n_models} models in {time.time() - t0:.1f} s", flush=True)


if __name__ == "__main__":
    main()
