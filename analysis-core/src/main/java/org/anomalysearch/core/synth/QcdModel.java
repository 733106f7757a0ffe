package org.anomalysearch.core.synth;

import org.anomalysearch.core.fit.DijetFunction;

/**
 * Constants and tables of the toy QCD background (see {@link SyntheticGenerator} for the model). The numbers
 * were read off ../shared/data/dijet_pythia/qcd_full_*.csv.gz (305,000 Pythia 8 events) with numpy: the
 * substructure tables are the mean and standard deviation of logit(tau / scale) in 15 bins of rho = m/pT of
 * both jets; the kinematic constants were tuned by hand on the KS distances of pT, pT balance, delta phi,
 * delta eta, dR and the jet masses.
 */
final class QcdModel {

    private QcdModel() {
    }

    /** Partonic pT floor (GeV): chi = exp|dy| is flat up to where mjj / (2 cosh(dy/2)) reaches it. */
    static final double PT_HAT_MIN = 1100;
    /** Boost y_B ~ N(0, BOOST_SLOPE ln(sqrt(s) / mjj)): narrower at high mjj, as the PDFs make it. */
    static final double BOOST_SLOPE = 0.31;
    /** m/pT of a jet relative to the partonic pT: log-normal, median and sigma of ln, capped. */
    static final double RHO_MEDIAN = 0.13;
    static final double RHO_SIGMA = 0.70;
    static final double RHO_MAX = 0.8;
    /** The median falls with the partonic pT as (pT / RHO_PT_REF)^RHO_PT_SLOPE (jet mass grows slower than pT). */
    static final double RHO_PT_REF = 1300;
    static final double RHO_PT_SLOPE = -0.33;
    /** Recoil fraction q: exponential mixture (fraction RECOIL_F1 with mean RECOIL_MEAN1, else RECOIL_MEAN2). */
    static final double RECOIL_F1 = 0.6;
    static final double RECOIL_MEAN1 = 0.05;
    static final double RECOIL_MEAN2 = 0.15;
    /** pi - delta phi = PHI_KICK q sin(theta). */
    static final double PHI_KICK = 1.2;
    /** pT lost per unit rho: heavier jets lose more and tend to be subleading. */
    static final double MASS_LOSS = 0.04;
    static final double MIN_PT_RATIO = 0.2;

    static final double TAU21_SCALE = 1.2;
    static final double TAU32_SCALE = 1.1;

    /** Cholesky factor of the correlation of the latent normals of (tau21, tau32, tau1/rho). */
    static final double L21 = -0.3;
    static final double L22 = 0.9539392;
    static final double L31 = -0.5;
    static final double L32 = -0.20965697;
    static final double L33 = 0.84026422;

    private static final double[] RHO = {0.017, 0.022, 0.028, 0.035, 0.045, 0.058, 0.074, 0.095, 0.121, 0.155,
        0.198, 0.254, 0.324, 0.415, 0.531};
    /** Per rho knot: mean and sigma of logit(tau21/1.2), logit(tau32/1.1), logit(tau1/rho). */
    private static final double[][] TABLE = {
        {1.082, 1.080, 1.008, 0.929, 0.821, 0.663, 0.450, 0.195, -0.083, -0.330, -0.552, -0.781, -0.996, -1.187, -1.181},
        {0.864, 0.932, 0.989, 1.059, 1.098, 1.115, 1.083, 0.998, 0.909, 0.854, 0.844, 0.844, 0.861, 0.866, 0.822},
        {1.336, 1.389, 1.404, 1.425, 1.417, 1.371, 1.297, 1.162, 0.998, 0.831, 0.681, 0.554, 0.428, 0.330, 0.157},
        {0.631, 0.742, 0.688, 0.757, 0.800, 0.870, 0.914, 0.925, 0.918, 0.896, 0.868, 0.866, 0.842, 0.844, 0.810},
        {-0.652, -0.800, -0.840, -0.865, -0.815, -0.690, -0.496, -0.232, 0.079, 0.390, 0.706, 1.029, 1.389, 1.749,
            2.016},
        {0.574, 0.605, 0.640, 0.665, 0.701, 0.735, 0.770, 0.790, 0.809, 0.825, 0.826, 0.799, 0.731, 0.592, 0.410},
    };
    private static final double[] LN_RHO = new double[RHO.length];

    static {
        for (int i = 0; i < RHO.length; i++) {
            LN_RHO[i] = Math.log(RHO[i]);
        }
    }

    /** Largest chi = exp|dy| at this mjj (1 below 2 PT_HAT_MIN). */
    static double chiMax(double mjj) {
        double c = mjj / (2 * PT_HAT_MIN);
        if (c <= 1) {
            return 1;
        }
        double acosh = Math.log(c + Math.sqrt(c * c - 1));
        return Math.exp(2 * acosh);
    }

    static double boostSigma(double mjj) {
        return BOOST_SLOPE * Math.log(DijetFunction.SQRT_S / mjj);
    }

    /** The six logit parameters at {@code rho}, linear in ln rho between knots, constant outside. */
    static double[] substructure(double rho) {
        double x = Math.log(Math.max(rho, 1e-6));
        int n = LN_RHO.length;
        double[] out = new double[TABLE.length];
        if (x <= LN_RHO[0] || x >= LN_RHO[n - 1]) {
            int k = x <= LN_RHO[0] ? 0 : n - 1;
            for (int j = 0; j < TABLE.length; j++) {
                out[j] = TABLE[j][k];
            }
            return out;
        }
        int i = 0;
        while (LN_RHO[i + 1] < x) {
            i++;
        }
        double t = (x - LN_RHO[i]) / (LN_RHO[i + 1] - LN_RHO[i]);
        for (int j = 0; j < TABLE.length; j++) {
            out[j] = TABLE[j][i] + t * (TABLE[j][i + 1] - TABLE[j][i]);
        }
        return out;
    }
}
