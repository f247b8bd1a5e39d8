#!/usr/bin/python3
"""scikit-learn's side of the held-out score audit of the randomized and iterative models (issue 5).

    /usr/bin/python3 scripts/audit/randomized_audit.py [--out DIR] [--only RandomForest,SVC] [--seeds 5] [--unseen]

Writes DIR/sets.json (every data set with its stratified 75/25 split, from
scripts/fixtures/held_out_sets.py) and DIR/sklearn.json (the score of every model x data set x seed,
scikit-learn's default options). Then `npx tsx scripts/audit/randomized-audit.ts [--out DIR]` fits
our models on the same rows and prints the table of medians, flagging misses above 2 points.
"""
import json
import os
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "fixtures"))
from held_out_sets import anomaly_sets, real_sets, standardized, synthetic_sets, unseen_anomaly_sets, unseen_sets  # noqa: E402

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.ensemble import (GradientBoostingClassifier, GradientBoostingRegressor, IsolationForest,  # noqa: E402
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.metrics import accuracy_score, adjusted_rand_score, r2_score, roc_auc_score  # noqa: E402
from sklearn.neighbors import LocalOutlierFactor  # noqa: E402
from sklearn.neural_network import MLPClassifier, MLPRegressor  # noqa: E402
from sklearn.svm import SVC, OneClassSVM  # noqa: E402
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor  # noqa: E402


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


OUT = arg("--out", "/tmp/aibook-audit")
ONLY = [s for s in arg("--only", "").split(",") if s]
N_SEEDS = int(arg("--seeds", "5"))
# --unseen: only the sets of test/fixtures/runtime/unseen (not used while porting).
UNSEEN = "--unseen" in sys.argv

SUPERVISED = {
    # model: (maker, which sets: "raw" or "std", task)
    "DecisionTreeClassifier": (lambda s: DecisionTreeClassifier(random_state=s), "raw", "classification"),
    "RandomForestClassifier": (lambda s: RandomForestClassifier(random_state=s), "raw", "classification"),
    "GradientBoostingClassifier": (lambda s: GradientBoostingClassifier(random_state=s), "raw", "classification"),
    "SVC": (lambda s: SVC(random_state=s), "raw+std", "classification"),
    "MLPClassifier": (lambda s: MLPClassifier(random_state=s), "std", "classification"),
    "DecisionTreeRegressor": (lambda s: DecisionTreeRegressor(random_state=s), "raw", "regression"),
    "RandomForestRegressor": (lambda s: RandomForestRegressor(random_state=s), "raw", "regression"),
    "GradientBoostingRegressor": (lambda s: GradientBoostingRegressor(random_state=s), "raw", "regression"),
    "MLPRegressor": (lambda s: MLPRegressor(random_state=s), "std", "regression"),
}


def tolist(a):
    a = np.asarray(a)
    if a.dtype.kind in "fc":
        return a.astype(float).tolist()
    if a.dtype.kind in "iub":
        return a.tolist()
    return [str(v) for v in a]


def wanted(model):
    return not ONLY or any(model.startswith(o) for o in ONLY)


def main():
    os.makedirs(OUT, exist_ok=True)
    sets = unseen_sets() if UNSEEN else {**real_sets(), **synthetic_sets()}
    for name in list(sets):
        sets[name + "_std"] = standardized(sets[name])
    anomalies = unseen_anomaly_sets() if UNSEEN else anomaly_sets()
    payload = {name: {"task": d["task"], "X": tolist(d["X"]), "y": tolist(d["y"]),
                      "train": d.get("train", np.arange(0)).tolist(), "test": d.get("test", np.arange(0)).tolist()}
               for name, d in {**sets, **anomalies}.items()}
    with open(os.path.join(OUT, "sets.json"), "w") as f:
        json.dump(payload, f)
    results = []
    warnings.simplefilter("ignore")
    for model, (make, which, task) in SUPERVISED.items():
        if not wanted(model):
            continue
        names = [n for n, d in sets.items() if d["task"] == task and (n.endswith("_std") == (which == "std") or which == "raw+std")]
        for name in names:
            d = sets[name]
            Xtr, ytr, Xte, yte = d["X"][d["train"]], d["y"][d["train"]], d["X"][d["test"]], d["y"][d["test"]]
            mu, sd = (ytr.mean(), ytr.std()) if model == "MLPRegressor" else (0.0, 1.0)
            seeds = range(3 * N_SEEDS if model.startswith("DecisionTree") else N_SEEDS)
            scores = []
            t0 = time.time()
            for s in seeds:
                m = make(s).fit(Xtr, (ytr - mu) / sd if task == "regression" else ytr)
                pred = m.predict(Xte)
                scores.append(100 * (accuracy_score(yte, pred) if task == "classification" else r2_score(yte, pred * sd + mu)))
            results.append({"model": model, "dataset": name, "metric": "accuracy" if task == "classification" else "r2",
                            "scores": scores, "seconds": (time.time() - t0) / len(scores)})
            print(f"{model:28s} {name:24s} {np.median(scores):7.2f}", flush=True)
    # Unsupervised: KMeans ARI (k = number of classes) on standardized classification sets; outlier AUC.
    if wanted("KMeans"):
        for name, d in sets.items():
            if d["task"] != "classification" or not name.endswith("_std"):
                continue
            k = len(np.unique(d["y"]))
            scores = [100 * adjusted_rand_score(d["y"], KMeans(n_clusters=k, n_init=1, random_state=s).fit(d["X"]).labels_) for s in range(3 * N_SEEDS)]
            results.append({"model": "KMeans", "dataset": name, "metric": "ari", "k": k, "scores": scores})
            print(f"{'KMeans':28s} {name:24s} {np.median(scores):7.2f}", flush=True)
    detectors = {
        "IsolationForest": (lambda s: IsolationForest(random_state=s), lambda m, X: -m.fit(X).score_samples(X), N_SEEDS),
        "LocalOutlierFactor": (lambda s: LocalOutlierFactor(), lambda m, X: -(m.fit(X).negative_outlier_factor_), 1),
        "OneClassSVM": (lambda s: OneClassSVM(), lambda m, X: -m.fit(X).decision_function(X), 1),
    }
    for model, (make, outlyingness, n) in detectors.items():
        if not wanted(model):
            continue
        for name, d in anomalies.items():
            scores = [100 * roc_auc_score(d["y"] == -1, outlyingness(make(s), d["X"])) for s in range(n)]
            results.append({"model": model, "dataset": name, "metric": "auc", "scores": scores})
            print(f"{model:28s} {name:24s} {np.median(scores):7.2f}", flush=True)
    with open(os.path.join(OUT, "sklearn.json"), "w") as f:
        json.dump({"seeds": N_SEEDS, "results": results}, f)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
