#!/usr/bin/env python3
"""How scikit-learn's HistGradientBoostingClassifier stops on the idealized sets of ClassifierBenchmark runs.

Usage: /usr/bin/python3 hgb_early_stops.py OUT_DIR [OUT_DIR ...]   (directories written by ClassifierBenchmark
--out with --sklearn-kinds hgb: idealized_x.npy, idealized_y.npy and results.json). Fits the reference's models
(the settings and random_state = split seed + k of classifier_reference.py, 5 per run) and prints, per model, the
number of iterations and the iteration of the lowest validation loss; 0 = no tree improved on the constant model.
"""
import json
import os
import sys

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier


def main(dirs):
    for d in dirs:
        with open(os.path.join(d, "results.json")) as f:
            seed = json.load(f)["seed"]
        x = np.load(os.path.join(d, "idealized_x.npy"))
        y = np.load(os.path.join(d, "idealized_y.npy")).ravel()
        stops = []
        for k in range(5):
            m = HistGradientBoostingClassifier(max_iter=200, early_stopping=True, validation_fraction=0.1,
                                               class_weight="balanced", random_state=seed + k).fit(x, y)
            loss = -m.validation_score_
            stops.append((int(m.n_iter_), int(loss.argmin())))
        flat = sum(1 for _, best in stops if best == 0)
        print(f"split seed {seed}: (iterations, best iteration) {stops}; no improvement: {flat} of 5")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
