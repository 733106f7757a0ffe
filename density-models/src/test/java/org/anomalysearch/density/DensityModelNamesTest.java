package org.anomalysearch.density;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Titles name density models as papers do, not by their file-format kinds. */
class DensityModelNamesTest {

    @Test
    void kindsHaveReadableNames() {
        assertEquals("Conditional VAE", DensityModel.displayName("cvae"));
        assertEquals("Conditional WGAN-GP", DensityModel.displayName("cgan"));
        assertEquals("Normalising flow (MAF)", DensityModel.displayName("cmaf"));
        assertEquals("Refined model (density-ratio reweighted)", DensityModel.displayName("refined"));
        assertEquals("kde", DensityModel.displayName("kde"), "unknown kinds as they are");
    }
}
