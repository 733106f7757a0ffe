#!/usr/bin/env python3
"""Trigger benchmark of issue 19 on the shared Pythia data: `trigger train` (autoencoder and VAE) on QCD events of
qcd_full_000..002, `trigger evaluate` on the disjoint qcd_extra_000..002 (independent generator seeds) with the four
signal samples (2.8, 3.5, 4.5, 5.2 TeV); prints a markdown table (acceptance x method x signal) with the machine and
its load, and writes it to OUT/table.md. The leading-jet pT and HT rows are the same in both evaluations (same
background) and are checked to be.

usage (from the project root):
  OMP_NUM_THREADS=1 python3 bench/trigger_benchmark.py --out DIR [--epochs 20] [--max-events 0] [--seed 1]
Standard library only.
"""
import argparse, json, os, platform, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "dijet_pythia")
SIGNALS = [("2.8 TeV", "signal_2800_300_300_000"), ("3.5 TeV", "signal_3500_500_100_000"),
           ("4.5 TeV", "signal_4500_250_80_000"), ("5.2 TeV", "signal_5200_700_200_000")]
CLI = os.path.join(ROOT, "bin", "anomaly-search")


def cli(*args):
    t = time.time()
    subprocess.run([CLI, *args], check=True)
    return time.time() - t


def machine():
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(l.split(":", 1)[1].strip() for l in f if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return "%s, %d cores" % (cpu, os.cpu_count() or 0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--max-events", type=int, default=0, help="train on the first N events (0: all 300,000)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    load0 = os.getloadavg()
    train = os.path.join(DATA, "qcd_full_00[0-2].csv.gz")
    background = os.path.join(DATA, "qcd_extra_*.csv.gz")
    docs, times = {}, {}
    for kind in ("ae", "vae"):
        model = os.path.join(a.out, kind)
        times[kind] = cli("trigger", "train", "--model", kind, "--data", train, "--epochs", str(a.epochs),
                          "--max-events", str(a.max_events), "--seed", str(a.seed), "-o", model, "--overwrite")
        ev = os.path.join(a.out, kind + "-evaluate")
        args = ["trigger", "evaluate", "--model", model, "--background", background, "-o", ev, "--overwrite"]
        for _, s in SIGNALS:
            args += ["--signal", os.path.join(DATA, s + ".csv.gz")]
        cli(*args)
        with open(os.path.join(ev, "trigger.json")) as f:
            docs[kind] = json.load(f)
    load1 = os.getloadavg()
    ae, vae = docs["ae"], docs["vae"]
    lines = ["| acceptance (rate at %g kHz) | trigger | threshold | %s |" % (ae["inputRateHz"] / 1e3,
                                                                           " | ".join(n for n, _ in SIGNALS)),
             "|---|---|---|" + "---|" * len(SIGNALS)]
    for i, row in enumerate(ae["acceptances"]):
        acc = "%.0e (%s)" % (row["targetAcceptance"], rate(row["targetAcceptance"] * ae["inputRateHz"]))
        if not row["measurable"]:
            lines.append("| %s | all | not measurable: %d background events would pass | %s |" % (
                acc, row["expectedPassing"], " | ".join("-" for _ in SIGNALS)))
            continue
        entries = [("AE score", row["methods"]["model"], "%.3g"), ("VAE score (encoder mu^2)",
                   vae["acceptances"][i]["methods"]["model"], "%.3g"),
                   ("leading-jet pT", row["methods"]["leadingJetPt"], "%.0f GeV"),
                   ("HT", row["methods"]["ht"], "%.0f GeV")]
        for key in ("leadingJetPt", "ht"):
            assert row["methods"][key] == vae["acceptances"][i]["methods"][key], key
        best = [max(e[1]["signalEfficiency"][s]["efficiency"] for e in entries) for s in range(len(SIGNALS))]
        for k, (name, m, fmt) in enumerate(entries):
            cells = []
            for s in range(len(SIGNALS)):
                eff = m["signalEfficiency"][s]["efficiency"]
                cells.append(("**%.5f**" if eff == best[s] else "%.5f") % eff)
            lines.append("| %s | %s | %s | %s |" % (acc if k == 0 else "", name, fmt % m["threshold"],
                                                    " | ".join(cells)))
    head = ["Background: %s events of qcd_extra_000..002; training: %s events of qcd_full_000..002, %d epochs, seed %d."
            % ("{:,}".format(ae["background"]["events"]), "all" if a.max_events == 0 else "{:,}".format(a.max_events),
               a.epochs, a.seed),
            "Signal efficiency at the background acceptance (bold: the best trigger for that signal). Machine: %s; "
            "1-minute load average %.2f before, %.2f after; `trigger train` took %.0f s (AE) and %.0f s (VAE) wall time, "
            "reading included, OMP_NUM_THREADS=%s."
            % (machine(), load0[0], load1[0], times["ae"], times["vae"], os.environ.get("OMP_NUM_THREADS", "unset")),
            ""]
    text = "\n".join(head + lines) + "\n"
    with open(os.path.join(a.out, "table.md"), "w") as f:
        f.write(text)
    sys.stdout.write(text)


def rate(hz):
    return "%.3g kHz" % (hz / 1e3) if hz >= 1e3 else "%.3g Hz" % hz


if __name__ == "__main__":
    main()
