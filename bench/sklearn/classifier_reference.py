#!/usr/bin/python3
"""scikit-learn reference classifiers for ClassifierBenchmark (org.anomalysearch.jobs.bench).

Usage: classifier_reference.py DIR N_MODELS SEED [KINDS]
Reads DIR/eval_x.npy and, for each mode in (idealized, supervised) whose DIR/<mode>_x.npy exists, DIR/<mode>_x.npy
and DIR/<mode>_y.npy (float64, features mj1 dmj tau21_j1 tau21_j2 in GeV; y in column 0). Trains N_MODELS models
of each kind in KINDS (comma-separated, default hgb,mlp,mlpcathode; also mlpdefault) with random_state SEED + k and writes the mean
predicted probability of class 1 on eval_x to DIR/<mode>_<kind>_scores.txt (one value per line). Timings and the
epochs picked by mlpcathode go to stdout. Run with OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 (the benchmark does) so
it uses one core.

- mlp ("early stopping" reference, unchanged since the first benchmark): StandardScaler + MLPClassifier(64, 64,
  64), ReLU, Adam lr 1e-3, batch 128, alpha 1e-4 (the default), up to 100 epochs, early_stopping=True on a 20 %
  validation split (patience 10). scikit-learn monitors the validation ACCURACY and restores the best-accuracy
  epoch; in idealized mode that accuracy is flat at the majority-class rate, so this is a one-epoch network there.
  No class weights (MLPClassifier.fit takes no sample weights).
- mlpcathode ("same recipe as ours", the fair reference for MlpTrainer / MlpConfig.cathode()): stratified 20 %
  validation split; StandardScaler fitted on the training part only; MLPClassifier(64, 64, 64), ReLU, Adam lr 1e-3,
  batch 128, alpha 0 (our weight decay is 0); balanced class weights w_c = n / (2 n_c) from the training part, as
  ours (scikit-learn 1.2 has no sample_weight in fit / partial_fit, so WeightedMLP weights the output-layer error of
  each event, which is the gradient of the weighted BCE); trained for 100 epochs with one partial_fit call per epoch
  (rows shuffled by us, batches consecutive); after every epoch the class-weighted validation BCE
  sum(w * bce) / n_val, as ours; prediction = mean probability of the 10 epochs with the lowest validation loss
  (ties: earlier epoch). Differences left: scikit-learn's Glorot-uniform initialisation (ours: PyTorch's
  U(+-1/sqrt(fan_in))), float64 (ours: float32), and the random streams.
- mlpdefault (issue 21's reference, "scikit-learn's own"): StandardScaler + MLPClassifier(hidden_layer_sizes=(64,
  64, 64), early_stopping=True) with every other parameter at scikit-learn's default (batch 200, max_iter 200,
  validation_fraction 0.1, n_iter_no_change 10, alpha 1e-4, Adam 1e-3).
- hgb: HistGradientBoostingClassifier(max_iter 200, early stopping on 10 %, class_weight balanced).
"""
import os
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.neural_network import MLPClassifier
from sklearn.neural_network._base import DERIVATIVES
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

EPOCHS = 100
ENSEMBLE = 10
VALIDATION_FRACTION = 0.2


class WeightedMLP(MLPClassifier):
    """MLPClassifier whose loss is the per-event weighted binary cross-entropy (mean of w * bce over the batch).

    The weights of the rows passed to the next partial_fit call are set with set_epoch_weights; the call must use
    shuffle=False, so the batches are consecutive slices and _backprop can take their weights in order. Relies on
    scikit-learn 1.2's private _backprop / _compute_loss_grad (Debian python3-sklearn 1.2.1).
    """

    def set_epoch_weights(self, w):
        self._epoch_w = np.asarray(w, dtype=float)
        self._pos = 0

    def _backprop(self, X, y, activations, deltas, coef_grads, intercept_grads):
        n = X.shape[0]
        w = self._epoch_w[self._pos:self._pos + n, None]
        self._pos += n
        activations = self._forward_pass(activations)
        p = np.clip(activations[-1], 1e-15, 1 - 1e-15)
        loss = -np.mean(w * (y * np.log(p) + (1 - y) * np.log(1 - p)))
        values = sum(np.dot(s.ravel(), s.ravel()) for s in self.coefs_)
        loss += (0.5 * self.alpha) * values / n
        last = self.n_layers_ - 2
        deltas[last] = (activations[-1] - y) * w
        self._compute_loss_grad(last, n, activations, deltas, coef_grads, intercept_grads)
        derivative = DERIVATIVES[self.activation]
        for i in range(self.n_layers_ - 2, 0, -1):
            deltas[i - 1] = deltas[i] @ self.coefs_[i].T
            derivative(activations[i], deltas[i - 1])
            self._compute_loss_grad(i - 1, n, activations, deltas, coef_grads, intercept_grads)
        return loss, coef_grads, intercept_grads


def weighted_bce(p, y, w):
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(np.sum(w * -(y * np.log(p) + (1 - y) * np.log(1 - p))) / len(y))


def fit_cathode(x, y, xe, rs, tag):
    """The CATHODE recipe with scikit-learn; returns the ensemble's mean probability on xe."""
    rng = np.random.default_rng(rs)
    va = np.zeros(len(y), dtype=bool)
    for c in (1, 0):
        idx = np.flatnonzero(y == c)
        va[rng.permutation(idx)[:int(round(VALIDATION_FRACTION * len(idx)))]] = True
    xtr, ytr, xva, yva = x[~va], y[~va], x[va], y[va]
    sc = StandardScaler().fit(xtr)
    xtr, xva, xes = sc.transform(xtr), sc.transform(xva), sc.transform(xe)
    n1 = int(ytr.sum())
    w1, w0 = len(ytr) / (2.0 * n1), len(ytr) / (2.0 * (len(ytr) - n1))
    wtr = np.where(ytr == 1, w1, w0)
    wva = np.where(yva == 1, w1, w0)
    m = WeightedMLP(hidden_layer_sizes=(64, 64, 64), activation="relu", solver="adam", learning_rate_init=1e-3,
                    batch_size=128, alpha=0.0, shuffle=False, random_state=rs)
    snaps = []
    for epoch in range(EPOCHS):
        order = rng.permutation(len(ytr))
        m.set_epoch_weights(wtr[order])
        if epoch == 0:
            m.partial_fit(xtr[order], ytr[order], classes=[0, 1])
        else:
            m.partial_fit(xtr[order], ytr[order])
        vl = weighted_bce(m.predict_proba(xva)[:, 1], yva, wva)
        snaps.append((vl, epoch, [c.copy() for c in m.coefs_], [b.copy() for b in m.intercepts_]))
    best = sorted(snaps, key=lambda s: (s[0], s[1]))[:ENSEMBLE]
    s = np.zeros(len(xe))
    for _, _, coefs, inter in best:
        m.coefs_, m.intercepts_ = coefs, inter
        s += m.predict_proba(xes)[:, 1] / len(best)
    print(f"sklearn mlpcathode {tag}: epochs {sorted(b[1] + 1 for b in best)}, validation loss "
          f"{min(b[0] for b in best):.6f}..{max(b[0] for b in best):.6f}, last {snaps[-1][0]:.6f}, "
          f"last train loss {m.loss_:.6f}", flush=True)
    return s


def make(kind, rs):
    if kind == "mlp":
        return make_pipeline(StandardScaler(), MLPClassifier(
            hidden_layer_sizes=(64, 64, 64), activation="relu", solver="adam", learning_rate_init=1e-3,
            batch_size=128, max_iter=100, early_stopping=True, validation_fraction=0.2, n_iter_no_change=10,
            random_state=rs))
    if kind == "mlpdefault":
        return make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(64, 64, 64), early_stopping=True,
                                                             random_state=rs))
    return HistGradientBoostingClassifier(max_iter=200, early_stopping=True, validation_fraction=0.1,
                                          class_weight="balanced", random_state=rs)


def main():
    d, n_models, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    kinds = sys.argv[4].split(",") if len(sys.argv) > 4 else ["hgb", "mlp", "mlpcathode"]
    xe = np.load(os.path.join(d, "eval_x.npy"))
    for mode in ("idealized", "supervised"):
        if not os.path.exists(os.path.join(d, f"{mode}_x.npy")):
            continue
        x = np.load(os.path.join(d, f"{mode}_x.npy"))
        y = np.load(os.path.join(d, f"{mode}_y.npy"))[:, 0].astype(int)
        for kind in kinds:
            t0 = time.time()
            s = np.zeros(len(xe))
            for k in range(n_models):
                if kind == "mlpcathode":
                    s += fit_cathode(x, y, xe, seed + k, f"{mode} model {k + 1}/{n_models}") / n_models
                else:
                    m = make(kind, seed + k).fit(x, y)
                    s += m.predict_proba(xe)[:, 1] / n_models
            np.savetxt(os.path.join(d, f"{mode}_{kind}_scores.txt"), s, fmt="%.17g")
            print(f"sklearn {kind} {mode}: {n_models} models in {time.time() - t0:.1f} s", flush=True)


if __name__ == "__main__":
    main()
