#!/usr/bin/python3
"""Checks of classifier_reference.py (run by jobs' ClassifierReferenceScriptTest when python3-sklearn is present):
WeightedMLP with unit weights is scikit-learn's MLPClassifier bit for bit, its weighted gradient matches finite
differences of its weighted loss, and fit_cathode returns an ensemble of the lowest-validation-loss epochs."""
import io
import os
import sys
import unittest
from contextlib import redirect_stdout

import numpy as np
from sklearn.neural_network import MLPClassifier

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import classifier_reference as cr  # noqa: E402


def toy(n=600, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4))
    y = (x[:, 0] + 0.5 * rng.normal(size=n) > 0.8).astype(int)
    return x, y


class WeightedMlpTest(unittest.TestCase):

    def test_unit_weights_are_plain_mlp(self):
        x, y = toy()
        a = cr.WeightedMLP(hidden_layer_sizes=(8, 8), batch_size=64, alpha=0.0, shuffle=False, random_state=3)
        b = MLPClassifier(hidden_layer_sizes=(8, 8), batch_size=64, alpha=0.0, shuffle=False, random_state=3)
        for _ in range(3):
            a.set_epoch_weights(np.ones(len(y)))
            a.partial_fit(x, y, classes=[0, 1])
            b.partial_fit(x, y, classes=[0, 1])
        for p, q in zip(a.coefs_ + a.intercepts_, b.coefs_ + b.intercepts_):
            np.testing.assert_array_equal(p, q)

    def test_weighted_gradient_matches_finite_differences(self):
        x, y = toy()
        w = np.random.default_rng(1).uniform(0.3, 2.0, size=len(y))
        m = cr.WeightedMLP(hidden_layer_sizes=(8, 8), batch_size=len(y), alpha=0.0, shuffle=False, random_state=3)
        m.set_epoch_weights(np.ones(len(y)))
        m.partial_fit(x, y, classes=[0, 1])
        units = [4, 8, 8, 1]

        def loss_grad():
            m.set_epoch_weights(w)
            acts = [x] + [np.empty((len(y), u)) for u in units[1:]]
            deltas = [np.empty_like(a) for a in acts[1:]]
            cg = [np.empty((i, j)) for i, j in zip(units[:-1], units[1:])]
            ig = [np.empty(j) for j in units[1:]]
            loss, cg, ig = m._backprop(x, y[:, None].astype(float), acts, deltas, cg, ig)
            return loss, [c.copy() for c in cg], [b.copy() for b in ig]

        loss, cg, ig = loss_grad()
        p = m.predict_proba(x)[:, 1]
        self.assertAlmostEqual(loss, -np.mean(w * (y * np.log(p) + (1 - y) * np.log(1 - p))), places=12)
        h = 1e-6
        for layer, (i, j) in [(0, (1, 2)), (1, (3, 5)), (2, (4, 0))]:
            m.coefs_[layer][i, j] += h
            up = loss_grad()[0]
            m.coefs_[layer][i, j] -= 2 * h
            down = loss_grad()[0]
            m.coefs_[layer][i, j] += h
            self.assertAlmostEqual(cg[layer][i, j], (up - down) / (2 * h), delta=1e-7)
        m.intercepts_[2][0] += h
        up = loss_grad()[0]
        m.intercepts_[2][0] -= 2 * h
        down = loss_grad()[0]
        m.intercepts_[2][0] += h
        self.assertAlmostEqual(ig[2][0], (up - down) / (2 * h), delta=1e-7)

    def test_fit_cathode_averages_the_lowest_validation_loss_epochs(self):
        x, y = toy(800)
        xe, ye = toy(400, seed=5)
        old = cr.EPOCHS, cr.ENSEMBLE
        cr.EPOCHS, cr.ENSEMBLE = 4, 2
        try:
            buf = io.StringIO()
            with redirect_stdout(buf):
                s = cr.fit_cathode(x, y, xe, 7, "toy")
                s2 = cr.fit_cathode(x, y, xe, 7, "toy")
        finally:
            cr.EPOCHS, cr.ENSEMBLE = old
        np.testing.assert_array_equal(s, s2)  # same random_state, same scores
        self.assertTrue(np.all((s > 0) & (s < 1)))
        self.assertIn("epochs [", buf.getvalue())
        picked = buf.getvalue().split("epochs [")[1].split("]")[0].split(",")
        self.assertEqual(2, len(picked))
        auc = (np.argsort(np.argsort(s))[ye == 1].mean() - (ye.sum() - 1) / 2) / (len(ye) - ye.sum())
        self.assertGreater(auc, 0.8)


if __name__ == "__main__":
    unittest.main()
