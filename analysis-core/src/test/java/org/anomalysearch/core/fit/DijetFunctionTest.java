package org.anomalysearch.core.fit;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;

class DijetFunctionTest {

    @Test
    void formsMatchTheirDefinitions() {
        double x = 3500.0 / 13000;
        double lx = Math.log(x);
        assertEquals(2.0 * Math.pow(1 - x, 8) * Math.pow(x, -5), DijetFunction.threeParam(2, 8, 5).value(3500), 1e-12 * 1e3);
        double f4 = 2.0 * Math.pow(1 - x, 8) * Math.pow(x, -(5 + 0.5 * lx));
        assertEquals(f4, DijetFunction.fourParam(2, 8, 5, 0.5).value(3500), 1e-12 * f4);
        double f5 = 2.0 * Math.pow(1 - x, 8) * Math.pow(x, -(5 + 0.5 * lx + 0.1 * lx * lx));
        assertEquals(f5, DijetFunction.fiveParam(2, 8, 5, 0.5, 0.1).value(3500), 1e-12 * f5);
        assertEquals(0.0, DijetFunction.threeParam(1, 8, 5).value(13000));
        assertEquals(0.0, DijetFunction.threeParam(1, 8, 5).value(-1));
        assertThrows(IllegalArgumentException.class, () -> DijetFunction.of(1, 2));
    }

    @Test
    void integralAgreesWithCommonsMathQuadrature() {
        DijetFunction f = DijetFunction.fourParam(1, 6.05, 8.2, 2.1);
        IterativeLegendreGaussIntegrator ref = new IterativeLegendreGaussIntegrator(16, 1e-13, 1e-300);
        double a = 1800;
        double b = 8000;
        double expected = ref.integrate(1_000_000, f::value, a, b);
        assertEquals(expected, f.integral(a, b), 1e-10 * expected);
        assertEquals(0.0, f.cdf(1800, a, b));
        assertEquals(1.0, f.cdf(8000, a, b));
        double mid = ref.integrate(1_000_000, f::value, a, 3000) / expected;
        assertEquals(mid, f.cdf(3000, a, b), 1e-10);
        assertEquals(f.value(3000) / expected, f.pdf(3000, a, b), 1e-10 * f.pdf(3000, a, b));
    }
}
