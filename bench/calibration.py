#!/usr/bin/env python3
"""Null calibration and sensitivity of `anomaly-search run` on the shared Pythia pool (issue 15, items 5 and 6).

Every pseudo-data set goes through the command users run: `bin/anomaly-search config --example` with only
input.path changed (and the search section removed with --no-ml), then `bin/anomaly-search run`.

  null:    K disjoint QCD-only subsets of the 540,000-event pool (qcd_full_* + qcd_extra_*, shuffled with --seed);
           reports per set the inclusive bump hunt's largest local Z and global Z (and the ML scan's with --ml),
           and the global p-values' KS distance from uniform.
  pool:    the whole QCD pool qcd_full_000..003 (305,000 events, as ../shared/tools/pythia_run.sh), one run per
           --seeds (the seed shuffles the events and seeds the run): the largest local and global Z of both stages,
           the empirical-null global Z and the mean signed local Z of the scan's tests (0 without sculpting).
  signal:  qcd_full_000..003 (305,000 events, as ../shared/tools/pythia_run.sh) plus signal events of one shared
           signal file, as many as give S/sqrt(B) = --significance within +-8 % of mA (S: injected events in that
           window, B: QCD events in it), for each --seeds (the seed picks the events and seeds the run); reports the
           local and global Z and whether the most significant window contains mA or the signal's reconstructed peak
           (the median mjj of its events).

usage (from the project root):
  python3 bench/calibration.py null   --out DIR [--sets 5] [--ml] [--seed 1] [--toys 1000]
  python3 bench/calibration.py pool   --out DIR [--seeds 1,2,3] [--ml]
  python3 bench/calibration.py signal --out DIR --mass 3500 [--seeds 1,2,3] [--ml] [--significance 2.5]
  add --fit-function dijet-turnon to run every set with the opt-in turn-on-aware fit (issue 15 item 4), and
  --set KEY=VALUE (repeatable) to replace any key of the example config, e.g. --set regions.scan.sidebandWidth=1000.
  add --truth (signal) to write the truth labels: results.json and the summary then count the selected signal events.
  add --resume to continue an interrupted benchmark in the same --out (finished windows are not recomputed).
Standard library only. Output: DIR/<name>/runs/<name>/results.json per set and DIR/summary.md.
"""
import argparse, gzip, json, math, os, platform, random, re, statistics, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "dijet_pythia")
COLS = "pxj1,pyj1,pzj1,mj1,tau1j1,tau2j1,tau3j1,pxj2,pyj2,pzj2,mj2,tau1j2,tau2j2,tau3j2,mjj".split(",")
SIGNALS = {2800: "signal_2800_300_300_000", 3500: "signal_3500_500_100_000", 4500: "signal_4500_250_80_000",
           5200: "signal_5200_700_200_000"}


def rows(name):
    with gzip.open(os.path.join(DATA, name + ".csv.gz"), "rt") as f:
        head = f.readline().strip().split(",")
        idx = [head.index(c) for c in COLS]
        for line in f:
            v = line.strip().split(",")
            if len(v) == len(head):
                yield [v[i] for i in idx]


def write(path, events):
    """events: rows of COLS, each with a trailing truth label (0 QCD, 1 signal) when the first one has it."""
    with gzip.open(path, "wt", compresslevel=1) as f:
        f.write(",".join(COLS + (["label"] if events and len(events[0]) > len(COLS) else [])) + "\n")
        f.writelines(",".join(r) + "\n" for r in events)


OVERRIDES = {}  # --set KEY=VALUE (and --fit-function): dotted keys of the example config replaced by VALUE


def config(path, data, ml):
    text = subprocess.run([os.path.join(ROOT, "bin", "anomaly-search"), "config", "--example"], check=True,
                          capture_output=True, text=True).stdout
    out, keys, used = [], [], set()
    for line in text.splitlines():
        if not ml and line.startswith("search:"):
            break
        m = re.match(r"^( *)([A-Za-z]\w*):(.*)$", line)
        if m:
            depth = len(m.group(1)) // 2
            keys = keys[:depth] + [m.group(2)]
            key = ".".join(keys)
            if key in OVERRIDES:
                line = f"{m.group(1)}{m.group(2)}: {OVERRIDES[key]}"
                used.add(key)
        out.append("  path: " + data if line.startswith("  path: ") else line)
    missing = set(OVERRIDES) - used - (set() if ml else {k for k in OVERRIDES if k.startswith("search.")})
    if missing:
        sys.exit(f"--set: no key {', '.join(sorted(missing))} in the example config (dotted keys, e.g. "
                 f"regions.scan.sidebandWidth)")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def run(workdir, name, events, seed, ml, toys, resume=False):
    os.makedirs(workdir, exist_ok=True)
    data = os.path.join(workdir, "input.csv.gz")
    cfg = os.path.join(workdir, "analysis.yaml")
    again = resume and os.path.isfile(data) and os.path.isfile(cfg)
    if not again:
        write(data, events)
        config(cfg, data, ml)
    t0 = time.time()
    log = os.path.join(workdir, "run.log")
    with open(log, "w") as f:
        subprocess.run([os.path.join(ROOT, "bin", "anomaly-search"), "run", "--config", cfg, "--name", name, "--runs",
                        os.path.join(workdir, "runs"), "--seed", str(seed), "--toys", str(toys)]
                       + (["--resume"] if again else []), check=True, stdout=f,
                       stderr=subprocess.STDOUT)
    with open(os.path.join(workdir, "runs", name, "results.json")) as f:
        return json.load(f), time.time() - t0


def summarise(res):
    """Inclusive (status, window, local Z, global Z) and ML scan (window, local Z, global Z) of one results.json."""
    bh = res["bumpHunt"]
    inc = {"status": bh["status"], "fitLo": bh["fitRange"]["lo"]}
    if bh["status"] == "passed":
        h = bh["bumpHunter"]
        inc.update(lo=h["windowLo"], hi=h["windowHi"], localZ=h["localZ"], globalZ=h["globalZ"], globalP=h["globalP"],
                   lowerBound=h["globalZIsLowerBound"])
    scan = res.get("scan") or {}  # absent without a window stage (results.json schema version 2)
    ml = None
    if scan.get("windows"):
        g = scan.get("global", {})
        w = scan["windows"][g.get("window", scan["mostSignificantWindow"])]
        ml = {"lo": w["signalRegion"][0], "hi": w["signalRegion"][1], "localZ": g.get("localZ", w["localZ"]),
              "globalZ": g.get("globalZ", float("nan")), "globalP": g.get("globalP", float("nan")),
              "computed": scan.get("computedWindows"), "planned": scan.get("plannedWindows"),
              "skipped": [(s["signalLo"], s["signalHi"]) for s in scan.get("skippedWindows", [])]}
    return inc, ml


def ks_uniform(ps):
    """KS distance of ps from U(0, 1) and its asymptotic p-value (Kolmogorov's series)."""
    xs = sorted(ps)
    n = len(xs)
    d = max(max((i + 1) / n - x, x - i / n) for i, x in enumerate(xs))
    lam = (math.sqrt(n) + 0.12 + 0.11 / math.sqrt(n)) * d
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, max(0.0, min(1.0, p))


def header(args):
    load = os.getloadavg()
    return (f"machine: {platform.node()} {os.cpu_count()} cores, {platform.processor() or platform.machine()}; "
            f"load average at start {load[0]:.2f}; command: {' '.join(sys.argv)}\n")


def fmt(x):
    return "-" if x is None else f"{x:.2f}"


def fmtp(x):
    return "-" if x is None else f"{x:.3f}"


def null(args):
    pool = [r for n in ["qcd_full_000", "qcd_full_001", "qcd_full_002", "qcd_full_003", "qcd_extra_000",
                        "qcd_extra_001", "qcd_extra_002"] for r in rows(n)]
    random.Random(args.seed).shuffle(pool)
    size = len(pool) // args.sets
    lines = [header(args), f"{len(pool):,} pool events in {args.sets} disjoint sets of {size:,}\n",
             "| set | inclusive: fit from | most significant window | local Z | global Z | global p | ML: window | "
             "local Z | global Z | global p | windows computed | wall time |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    ps, mlps = [], []
    for k in range(args.sets):
        name = f"null-{k + 1}"
        res, wall = run(os.path.join(args.out, name), name, pool[k * size:(k + 1) * size], args.seed + k, args.ml,
                        args.toys, args.resume)
        inc, ml = summarise(res)
        if inc["status"] == "passed":
            ps.append(inc["globalP"])
        if ml:
            mlps.append(ml["globalP"])
        lines.append(f"| {k + 1} | {inc['fitLo']:.0f} | " + (f"[{inc['lo']:.0f}, {inc['hi']:.0f})" if inc["status"] ==
                     "passed" else "fit rejected") + f" | {fmt(inc.get('localZ'))} | {fmt(inc.get('globalZ'))}"
                     f"{'+' if inc.get('lowerBound') else ''} | {fmtp(inc.get('globalP'))} | "
                     + (f"[{ml['lo']:.0f}, {ml['hi']:.0f}) | {fmt(ml['localZ'])} | {fmt(ml['globalZ'])} | "
                        f"{fmtp(ml['globalP'])} | {ml['computed']} of {ml['planned']}" if ml else "- | - | - | - | -")
                     + f" | {wall:.0f} s |")
        print(lines[-1], flush=True)
    if ps:
        d, p = ks_uniform(ps)
        lines.append(f"\ninclusive global p-values {sorted(round(x, 3) for x in ps)}: KS distance from uniform {d:.3f}, "
                     f"p = {p:.3f}")
    if mlps:
        d, p = ks_uniform(mlps)
        lines.append(f"ML scan global p-values {sorted(round(x, 3) for x in mlps)}: KS distance from uniform {d:.3f}, "
                     f"p = {p:.3f}")
    return lines


def pool(args):
    """The whole QCD pool (qcd_full_000..003, as ../shared/tools/pythia_run.sh mixes it), once per --seeds."""
    qcd = [r for n in ["qcd_full_000", "qcd_full_001", "qcd_full_002", "qcd_full_003"] for r in rows(n)]
    lines = [header(args), f"QCD only: {len(qcd):,} events (qcd_full_000..003), one run per seed\n",
             "| seed | inclusive window | local Z | global Z | ML window | local Z | global Z | global p | "
             "empirical-null global Z | mean signed local Z of the tests | wall time |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for seed in args.seeds:
        events = list(qcd)
        random.Random(seed + 1).shuffle(events)
        name = f"pool-seed{seed}"
        res, wall = run(os.path.join(args.out, name), name, events, seed, args.ml, args.toys, args.resume)
        inc, ml = summarise(res)
        scan = res.get("scan") or {}
        tests = [e["zSigned"] for w in scan.get("windows", []) for e in w.get("efficiencies", [])
                 if not e.get("fitFailed") and not (e.get("fit") or {}).get("rejected")]
        null = (scan.get("global") or {}).get("empiricalNull") or {}
        lines.append(f"| {seed} | " + (f"[{inc['lo']:.0f}, {inc['hi']:.0f})" if "lo" in inc else inc["status"])
                     + f" | {fmt(inc.get('localZ'))} | {fmt(inc.get('globalZ'))} | "
                     + (f"[{ml['lo']:.0f}, {ml['hi']:.0f}) | {fmt(ml['localZ'])} | {fmt(ml['globalZ'])} | "
                        f"{fmtp(ml['globalP'])} | {fmt(null.get('globalZ'))} | "
                        f"{fmt(statistics.mean(tests) if tests else None)}" if ml else "- | - | - | - | - | -")
                     + f" | {wall:.0f} s |")
        print(lines[-1], flush=True)
    return lines


def signal(args):
    qcd = [r for n in ["qcd_full_000", "qcd_full_001", "qcd_full_002", "qcd_full_003"] for r in rows(n)]
    sig = list(rows(SIGNALS[args.mass]))
    lo, hi = 0.92 * args.mass, 1.08 * args.mass
    b = sum(1 for r in qcd if lo <= float(r[-1]) < hi)
    frac = sum(1 for r in sig if lo <= float(r[-1]) < hi) / len(sig)
    n_inject = math.ceil(args.significance * math.sqrt(b) / frac)
    peak = statistics.median(float(r[-1]) for r in sig)
    lines = [header(args), f"signal {SIGNALS[args.mass]}: reconstructed median mjj {peak:.0f} GeV; QCD in "
             f"[{lo:.0f}, {hi:.0f}) GeV: B = {b:,}; {frac:.1%} of the signal there -> {n_inject:,} injected events "
             f"(S/sqrt(B) = {args.significance} in the window)\n",
             "| seed | inclusive window | local Z | global Z | found | ML window | local Z | global Z | found | wall time |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    found_inc, found_ml, zs, truth = 0, 0, [], []
    for seed in args.seeds:
        s = list(sig)
        random.Random(seed).shuffle(s)
        events = qcd + s[:n_inject]
        if args.truth:  # labels are diagnostics only: the run's numbers are the same, results.json adds the signal counts
            events = [r + ["0"] for r in qcd] + [r + ["1"] for r in s[:n_inject]]
        random.Random(seed + 1).shuffle(events)
        name = f"signal-{args.mass}-seed{seed}"
        res, wall = run(os.path.join(args.out, name), name, events, seed, args.ml, args.toys, args.resume)
        inc, ml = summarise(res)
        hit = lambda w: w is not None and "lo" in w and (w["lo"] <= args.mass < w["hi"] or w["lo"] <= peak < w["hi"])
        fi, fm = hit(inc), hit(ml)
        found_inc += fi
        found_ml += fm
        zs.append((inc.get("localZ"), inc.get("globalZ"), ml and ml["localZ"], ml and ml["globalZ"]))
        lines.append(f"| {seed} | " + (f"[{inc['lo']:.0f}, {inc['hi']:.0f})" if "lo" in inc else inc["status"])
                     + f" | {fmt(inc.get('localZ'))} | {fmt(inc.get('globalZ'))} | {'yes' if fi else 'no'} | "
                     + (f"[{ml['lo']:.0f}, {ml['hi']:.0f}) | {fmt(ml['localZ'])} | {fmt(ml['globalZ'])} | "
                        f"{'yes' if fm else 'no'}" if ml else "- | - | - | -") + f" | {wall:.0f} s |")
        print(lines[-1], flush=True)
        if args.truth:
            for w in (res.get("scan") or {}).get("windows", []):
                lo_w, hi_w = w["signalRegion"]
                if lo_w <= args.mass < hi_w or lo_w <= peak < hi_w:
                    truth.append(f"seed {seed}, SR [{lo_w:.0f}, {hi_w:.0f}): " + "; ".join(
                        f"{e['efficiency']:g}: {e['selected']} selected ({e.get('selectedSignal')} signal) on "
                        f"{e['expected']:.1f} expected, local Z {e['localZ']:.2f}"
                        + (" (fit rejected)" if (e.get("fit") or {}).get("rejected") else "")
                        for e in w["efficiencies"]))

    def band(v):
        v = sorted(x for x in v if x is not None)
        if not v:
            return "-"
        q = lambda f: v[min(len(v) - 1, max(0, round(f * (len(v) - 1))))]
        return f"median {statistics.median(v):.2f} (16-84 %: {q(0.16):.2f}-{q(0.84):.2f})"
    lines.append(f"\ninclusive: found in {found_inc} of {len(args.seeds)}; local Z {band([z[0] for z in zs])}, global Z "
                 f"{band([z[1] for z in zs])}")
    if args.ml:
        lines.append(f"ML scan: found in {found_ml} of {len(args.seeds)}; local Z {band([z[2] for z in zs])}, global Z "
                     f"{band([z[3] for z in zs])}")
    if truth:
        lines.append("\nthe signal's windows (truth labels, --truth):\n" + "\n".join("- " + t for t in truth))
    return lines


def main():
    a = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("mode", choices=["null", "pool", "signal"])
    a.add_argument("--out", required=True)
    a.add_argument("--sets", type=int, default=5)
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--seeds", default="1,2,3")
    a.add_argument("--mass", type=int, default=3500, choices=sorted(SIGNALS))
    a.add_argument("--significance", type=float, default=2.5)
    a.add_argument("--ml", action="store_true", help="keep the example config's search section (the ML scan)")
    a.add_argument("--toys", type=int, default=1000)
    a.add_argument("--fit-function", choices=["dijet", "dijet-turnon"],
                   help="set the example config's fit.function (default: leave the example's)")
    a.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="replace a key of the example config (dotted, e.g. regions.scan.sidebandWidth=1000); repeatable")
    a.add_argument("--truth", action="store_true",
                   help="signal: write the truth label column, so results.json counts the selected signal events")
    a.add_argument("--resume", action="store_true",
                   help="continue the runs of an existing --out (its inputs and configs kept; `run --resume`)")
    args = a.parse_args()
    if args.fit_function:
        OVERRIDES["fit.function"] = args.fit_function
    for kv in args.set:
        k, _, v = kv.partition("=")
        if not v:
            a.error(f"--set {kv}: expected KEY=VALUE")
        OVERRIDES[k] = v
    args.seeds = [int(s) for s in args.seeds.split(",")]
    if os.path.exists(args.out) and not args.resume:
        sys.exit(f"calibration: {args.out} exists; choose a new --out (nothing is overwritten) or continue it with "
                 "--resume")
    os.makedirs(args.out, exist_ok=True)
    lines = {"null": null, "pool": pool, "signal": signal}[args.mode](args)
    with open(os.path.join(args.out, "summary.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
