#!/usr/bin/env python3
"""Independent SciPy reference numbers for the binned Poisson dijet fits and the significances.

Writes fit_fixtures.csv next to this script: one line per (case, key) with space-separated values
(matrices flattened row-major). Run with Debian's python3-scipy and python3-numpy:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 make_fixtures.py

The fits here share nothing with the Java code but the model definition (PHYSICS.md):
f(x) = p0 (1-x)^p1 x^-(p2 + p3 ln x + p4 ln^2 x), x = mjj/13000, bin expectation = integral of f over the
bin in mjj (GeV) by scipy.integrate.quad; -ln L = sum over unmasked bins (mu - n ln mu + ln n!). Minimised in
(ln p0, p1, ...) by BFGS with a quad gradient, polished by Newton steps on a central-difference Hessian of that
gradient; covariance = inverse Hessian, transformed to p0.
"""
import os

import numpy as np
from scipy import integrate, optimize, special, stats

SQRT_S = 13000.0
HERE = os.path.dirname(os.path.abspath(__file__))


def log_f(theta, m):
    x = m / SQRT_S
    lx = np.log(x)
    e = theta[2]
    if len(theta) > 3:
        e = e + theta[3] * lx
    if len(theta) > 4:
        e = e + theta[4] * lx * lx
    return theta[0] + theta[1] * np.log1p(-x) - e * lx


def phi(m, k):
    x = m / SQRT_S
    lx = np.log(x)
    return [1.0, np.log1p(-x), -lx, -lx * lx, -lx ** 3][:k]


def bin_integrals(theta, edges):
    """mu_i and d mu_i / d theta_k by adaptive quadrature."""
    k = len(theta)
    mu = np.empty(len(edges) - 1)
    dmu = np.empty((len(edges) - 1, k))
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        mu[i] = integrate.quad(lambda m: np.exp(log_f(theta, m)), a, b, epsabs=0, epsrel=1e-13, limit=200)[0]
        for j in range(k):
            dmu[i, j] = integrate.quad(lambda m: np.exp(log_f(theta, m)) * phi(m, k)[j], a, b,
                                       epsabs=0, epsrel=1e-13, limit=200)[0]
    return mu, dmu


class Fit:
    def __init__(self, edges, counts, mask, k):
        self.edges = np.asarray(edges, float)
        self.n = np.asarray(counts, float)
        self.use = ~np.asarray(mask, bool)
        self.k = k

    def nll(self, theta):
        mu, _ = bin_integrals(theta, self.edges)
        n, u = self.n[self.use], mu[self.use]
        return float(np.sum(u - n * np.log(u) + special.gammaln(n + 1)))

    def grad(self, theta):
        mu, dmu = bin_integrals(theta, self.edges)
        r = (1 - self.n / mu)[self.use]
        return dmu[self.use].T @ r

    def hessian(self, theta):
        k = len(theta)
        h = np.empty((k, k))
        for j in range(k):
            step = 1e-5 * max(1.0, abs(theta[j]))
            tp = np.array(theta, float)
            tm = np.array(theta, float)
            tp[j] += step
            tm[j] -= step
            h[:, j] = (self.grad(tp) - self.grad(tm)) / (2 * step)
        return 0.5 * (h + h.T)

    def start(self):
        lo, hi = self.edges[:-1], self.edges[1:]
        ok = self.use & (self.n > 0)
        mc = np.sqrt(lo * hi)[ok]
        y = np.log(self.n[ok] / (hi - lo)[ok])
        A = np.array([phi(m, self.k) for m in mc])
        w = np.sqrt(self.n[ok])
        t, *_ = np.linalg.lstsq(A * w[:, None], y * w, rcond=None)
        return t

    def run(self):
        t0 = self.start()
        res = optimize.minimize(self.nll, t0, jac=self.grad, method="BFGS", options={"gtol": 1e-9, "maxiter": 5000})
        theta = res.x
        for _ in range(6):  # Newton polish
            g = self.grad(theta)
            h = self.hessian(theta)
            theta = theta - np.linalg.solve(h, g)
        g = self.grad(theta)
        h = self.hessian(theta)
        cov_t = np.linalg.inv(h)
        edm = 0.5 * g @ cov_t @ g
        assert edm < 1e-8, edm
        p = theta.copy()
        p[0] = np.exp(theta[0])
        jac = np.eye(self.k)
        jac[0, 0] = p[0]
        cov = jac @ cov_t @ jac
        mu, dmu = bin_integrals(theta, self.edges)
        n, u = self.n[self.use], mu[self.use]
        dev = 2 * np.sum(u - n + np.where(n > 0, n * np.log(np.where(n > 0, n, 1) / u), 0))
        chi2 = np.sum((n - u) ** 2 / u)
        err = np.sqrt(np.einsum("ik,kl,il->i", dmu, cov_t, dmu))
        return dict(theta=theta, params=p, cov=cov, cov_theta=cov_t, nll=self.nll(theta), deviance=dev, chi2=chi2,
                    ndf=int(self.use.sum()) - self.k, mu=mu, dmu=dmu, err=err, edm=edm)


def z0(n, b):
    return np.sqrt(2 * (n * np.log(n / b) - (n - b))) if n > b else 0.0


def z_cowan(n, b, s):
    s2 = s * s
    q = 2 * (n * np.log(n * (b + s2) / (b * b + n * s2)) - b * b / s2 * np.log(1 + s2 * (n - b) / (b * (b + s2))))
    return np.sqrt(q) if n > b else 0.0


def z_gauss(n, b0, s):
    """Profile likelihood ratio for n ~ Pois(s + b), b0 ~ N(b, sigma^2), by numerical minimisation."""
    if n <= b0:
        return 0.0
    nll = lambda b: b - n * np.log(b) + (b - b0) ** 2 / (2 * s * s)
    r = optimize.minimize_scalar(nll, bounds=(1e-9 * b0, max(n, b0) * 2 + 10 * s), method="bounded",
                                 options={"xatol": 1e-12 * b0})
    bh = r.x
    q0 = 2 * (n * np.log(n / bh) - (n - bh)) + (bh - b0) ** 2 / (s * s)
    return np.sqrt(q0)


def bumphunter(data, bkg, wmin, wmax):
    """pyBumpHunter's excess scan (scan step 1): p = P(N >= n | b) if n > b > 0, else 1."""
    best = (1.0, -1, -1)
    for w in range(wmin, wmax + 1):
        for a in range(0, len(data) - w + 1):
            n = data[a:a + w].sum()
            b = bkg[a:a + w].sum()
            p = special.gammainc(n, b) if (n > b and b > 0) else 1.0
            if p < best[0]:
                best = (p, a, a + w - 1)
    return best


def main():
    rng = np.random.default_rng(20240611)
    edges = np.linspace(1500.0, 7000.0, 45)  # 44 bins of 125 GeV
    truth = np.array([0.0, 8.0, 5.5, 0.1])
    mu1, _ = bin_integrals(truth, edges)
    truth[0] = np.log(2.0e5 / mu1.sum())
    mu_true, _ = bin_integrals(truth, edges)
    smooth = rng.poisson(mu_true).astype(float)
    # a Gaussian bump at 3500 GeV, sigma 150 GeV, 150 events
    centres = 0.5 * (edges[1:] + edges[:-1])
    sig = 150 * (stats.norm.cdf(edges[1:], 3500, 150) - stats.norm.cdf(edges[:-1], 3500, 150))
    bump = rng.poisson(mu_true + sig).astype(float)
    # a sparse spectrum: 600 events, zero bins at high mass
    small = rng.poisson(mu_true * 600 / mu_true.sum()).astype(float)

    lines = []

    def put(case, key, values):
        vals = np.atleast_1d(np.asarray(values, float)).ravel()
        lines.append(case + "," + key + "," + " ".join(repr(float(v)) for v in vals))

    def put_fit(case, counts, mask, k):
        r = Fit(edges, counts, mask, k).run()
        put(case, "edges", edges)
        put(case, "counts", counts)
        put(case, "mask", np.asarray(mask, float))
        put(case, "nParams", [k])
        put(case, "params", r["params"])
        put(case, "covariance", r["cov"])
        put(case, "nll", [r["nll"]])
        put(case, "deviance", [r["deviance"]])
        put(case, "pearsonChi2", [r["chi2"]])
        put(case, "ndf", [r["ndf"]])
        put(case, "expected", r["mu"])
        put(case, "expectedErrors", r["err"])
        return r

    nomask = np.zeros(len(centres), bool)
    fits = {k: put_fit("smooth%d" % k, smooth, nomask, k) for k in (3, 4, 5)}
    # nested comparisons: F-test on the deviance and the likelihood ratio
    for k1, k2 in ((3, 4), (4, 5)):
        d1, d2, ndf2 = fits[k1]["deviance"], fits[k2]["deviance"], fits[k2]["ndf"]
        f = max(0.0, (d1 - d2) / (k2 - k1)) / (d2 / ndf2)
        lr = max(0.0, 2 * (fits[k1]["nll"] - fits[k2]["nll"]))
        put("ftest", "%d_%d" % (k1, k2), [f, stats.f.sf(f, k2 - k1, ndf2), lr, stats.chi2.sf(lr, k2 - k1)])
    put_fit("sparse3", small, nomask, 3)

    # signal region [3250, 3750) = bins 14..17 masked; SR prediction and its significance
    sr = (edges[:-1] >= 3250 - 1e-9) & (edges[1:] <= 3750 + 1e-9)
    first, last = int(np.argmax(sr)), int(len(sr) - 1 - np.argmax(sr[::-1]))
    for case, counts in (("masked4", smooth), ("bump4", bump)):
        r = put_fit(case, counts, sr, 4)
        g = r["dmu"][first:last + 1].sum(axis=0)
        b = r["mu"][first:last + 1].sum()
        sb = np.sqrt(g @ r["cov_theta"] @ g)
        n = counts[first:last + 1].sum()
        put(case, "srBins", [first, last])
        put(case, "srObserved", [n])
        put(case, "srPrediction", [b, sb])
        zg = z_gauss(n, b, sb)
        put(case, "srZ0", [z0(n, b)])
        put(case, "srZCowan", [z_cowan(n, b, sb)])
        put(case, "srZGauss", [zg])
        put(case, "srPGauss", [stats.norm.sf(zg)])

    # BumpHunter against the true background
    bh = bumphunter(bump, mu_true, 1, 6)
    put("bumphunter", "data", bump)
    put("bumphunter", "background", mu_true)
    put("bumphunter", "result", [bh[0], -np.log(bh[0]), bh[1], bh[2]])

    # Poisson upper tails P(N >= n | b) and Z = Phi^-1(1 - p)
    pairs = [(1, 0.5), (5, 1.2), (30, 12.5), (120, 100.0), (1000, 900.0), (3, 7.0), (0, 2.0), (50, 10.0)]
    for n, b in pairs:
        p = stats.poisson.sf(n - 1, b)
        put("poisson", "%d_%g" % (n, b), [n, b, p, stats.norm.isf(p)])
    # significances on fixed cases
    for n, b, s in [(130, 100, 5), (130, 100, 20), (15, 5, 1), (1200, 1000, 40), (90, 100, 5)]:
        put("zcases", "%g_%g_%g" % (n, b, s), [n, b, s, z0(n, b), z_cowan(n, b, s), z_gauss(n, b, s)])

    out = os.path.join(HERE, "fit_fixtures.csv")
    with open(out, "w") as fh:
        fh.write("# made by make_fixtures.py (SciPy %s, NumPy %s); case,key,values\n" % (
            __import__("scipy").__version__, np.__version__))
        fh.write("\n".join(lines) + "\n")
    print("wrote", out, len(lines), "lines")


if __name__ == "__main__":
    main()
