// FastJet reference driver for org.anomalysearch.jobs.bench.ClusteringBenchmark.
//
// Reads events written by the benchmark (little-endian binary: int32 nEvents, then per event
// int32 n followed by n x (pT, eta, phi) float64), builds massless PseudoJets
// (px = pT cos phi, py = pT sin phi, pz = pT sinh eta, E = |p|), and clusters every event `repeats`
// times with anti-kT R = 1.0, E-scheme, Best strategy, keeping inclusive jets with pT >= 20 GeV
// sorted by pT. For the two leading jets it computes N-subjettiness tau1..tau3 (beta = 1, R0 = 1):
// Debian's libfastjet-dev ships no fjcontrib, so tau_N is implemented here the way fjcontrib's
// Nsubjettiness(KT_Axes, NormalizedMeasure(1, 1)) does it: axes = exclusive_jets_up_to(N) of the
// constituents reclustered with JetDefinition(kt_algorithm, max_allowable_R, E_scheme);
// tau_N = sum_i pT_i min_k dR(i, axis_k) / sum_i pT_i R0. One kt reclustering per jet serves
// tau1, tau2 and tau3 (fjcontrib would recluster once per N; doing it once is the faster choice,
// and it is what the Java side does too).
//
// Usage: fastjet_driver <events.bin> <repeats> [jets.csv]
// Prints "events=<n> repeats=<r> seconds=<s> events_per_s=<x> strategy=<..>" on stdout; with a third
// argument also writes the jets of one pass in the format of lhco_format_sample.fastjet.csv.gz.
// Build: g++ -O2 -o fastjet_driver fastjet_driver.cc -lfastjet
#include <fastjet/ClusterSequence.hh>
#include <chrono>
#include <ctime>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <vector>

using namespace fastjet;

namespace {

struct Taus {
  double tau[3];
};

Taus nsubjettiness(const PseudoJet& jet, const JetDefinition& ktDef) {
  std::vector<PseudoJet> cons = jet.constituents();
  ClusterSequence cs(cons, ktDef);
  double denom = 0;
  for (const PseudoJet& p : cons) denom += p.perp();  // R0 = 1
  Taus t;
  for (int n = 1; n <= 3; ++n) {
    std::vector<PseudoJet> axes = cs.exclusive_jets_up_to(n);
    double num = 0;
    for (const PseudoJet& p : cons) {
      double minR2 = std::numeric_limits<double>::max();
      for (const PseudoJet& a : axes) {
        double r2 = p.squared_distance(a);
        if (r2 < minR2) minR2 = r2;
      }
      num += p.perp() * std::sqrt(minR2);  // beta = 1
    }
    t.tau[n - 1] = num / denom;
  }
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: fastjet_driver <events.bin> <repeats> [jets.csv]\n";
    return 2;
  }
  FILE* f = std::fopen(argv[1], "rb");
  if (!f) {
    std::cerr << "cannot open " << argv[1] << "\n";
    return 2;
  }
  int repeats = std::atoi(argv[2]);
  int32_t nEvents = 0;
  if (std::fread(&nEvents, 4, 1, f) != 1) return 3;
  std::vector<std::vector<double>> events(nEvents);
  for (int i = 0; i < nEvents; ++i) {
    int32_t n = 0;
    if (std::fread(&n, 4, 1, f) != 1) return 3;
    events[i].resize(3 * (size_t) n);
    if (n > 0 && std::fread(events[i].data(), 8, 3 * (size_t) n, f) != 3 * (size_t) n) return 3;
  }
  std::fclose(f);

  JetDefinition def(antikt_algorithm, 1.0, E_scheme, Best);
  JetDefinition ktDef(kt_algorithm, JetDefinition::max_allowable_R, E_scheme, Best);
  const double ptMin = 20.0;
  std::string strategy;
  double checksum = 0;

  auto passOnce = [&](FILE* out) {
    std::vector<PseudoJet> particles;
    for (int ev = 0; ev < nEvents; ++ev) {
      const std::vector<double>& d = events[ev];
      size_t n = d.size() / 3;
      particles.clear();
      particles.reserve(n);
      for (size_t i = 0; i < n; ++i) {
        double pt = d[3 * i], eta = d[3 * i + 1], phi = d[3 * i + 2];
        double px = pt * std::cos(phi), py = pt * std::sin(phi), pz = pt * std::sinh(eta);
        particles.emplace_back(px, py, pz, std::sqrt(px * px + py * py + pz * pz));
      }
      ClusterSequence cs(particles, def);
      if (strategy.empty()) strategy = cs.strategy_string();
      std::vector<PseudoJet> jets = sorted_by_pt(cs.inclusive_jets(ptMin));
      for (size_t j = 0; j < jets.size(); ++j) {
        Taus t = {{0, 0, 0}};
        if (j < 2) t = nsubjettiness(jets[j], ktDef);
        checksum += jets[j].perp() + t.tau[0] + t.tau[1] + t.tau[2];
        if (out) {
          std::fprintf(out, "%d,%zu,%.10g,%.10g,%.10g,%.10g,%zu,%.10g,%.10g,%.10g\n", ev, j, jets[j].perp(),
                       jets[j].eta(), jets[j].phi_std(), jets[j].m(), jets[j].constituents().size(), t.tau[0],
                       t.tau[1], t.tau[2]);
        }
      }
    }
  };

  ClusterSequence::set_fastjet_banner_stream(nullptr);
  if (argc > 3) {
    FILE* out = std::fopen(argv[3], "w");
    std::fprintf(out, "event,jet,pt,eta,phi,m,n_constituents,tau1,tau2,tau3\n");
    passOnce(out);
    std::fclose(out);
  }
  passOnce(nullptr);  // warm-up
  std::clock_t c0 = std::clock();
  auto t0 = std::chrono::steady_clock::now();
  for (int r = 0; r < repeats; ++r) passOnce(nullptr);
  auto t1 = std::chrono::steady_clock::now();
  double s = std::chrono::duration<double>(t1 - t0).count();
  double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
  std::printf("events=%d repeats=%d seconds=%.6f cpu_seconds=%.6f events_per_s=%.1f strategy=%s checksum=%.6f\n", nEvents, repeats, s, cpu,
              nEvents * (double) repeats / s, strategy.c_str(), checksum);
  return 0;
}
