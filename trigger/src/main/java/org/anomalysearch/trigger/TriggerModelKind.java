package org.anomalysearch.trigger;

import java.util.Arrays;
import java.util.Locale;
import org.anomalysearch.core.InvalidInputException;

/**
 * The two trigger models. {@link #AE}: score = ||z - d(e(z))||^2, the squared reconstruction error of the standardised
 * features z (encoder and decoder run on the FPGA). {@link #VAE}: score = sum_k mu_k(z)^2, the squared distance of the
 * encoder's posterior mean from the prior's centre; it is the mean-dependent part of the KL term
 * KL(N(mu, sigma^2) || N(0, 1)), and needs the encoder alone (only its mu outputs are kept).
 */
public enum TriggerModelKind {
    AE("ae"),
    VAE("vae");

    private final String id;

    TriggerModelKind(String id) {
        this.id = id;
    }

    /** The name on the command line and in saved models ("ae", "vae"). */
    public String id() {
        return id;
    }

    /** The kind named {@code s} (case-insensitive). */
    public static TriggerModelKind of(String s) {
        for (TriggerModelKind k : values()) {
            if (k.id.equals(s.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new InvalidInputException("--model", null, "'" + s + "' is not a trigger model",
                "use one of " + Arrays.stream(values()).map(TriggerModelKind::id).toList());
    }
}
