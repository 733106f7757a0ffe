package org.anomalysearch.core.provenance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Component seeds derived from one master seed by name, so adding a component shifts no other seed.
 *
 * <p>{@code derive(master, name)} = the first 8 bytes (big-endian) of SHA-256 over the 8 big-endian bytes of
 * {@code master} followed by the UTF-8 bytes of {@code name}. Stable across JVMs and versions; never
 * time-based. Names are dotted paths such as {@code "density.vae.init"}.
 */
public final class Seeds {

    private Seeds() {
    }

    /** The seed of component {@code name} under {@code master}. */
    public static long derive(long master, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a derived seed needs a non-empty name");
        }
        MessageDigest md = sha256();
        md.update(ByteBuffer.allocate(Long.BYTES).putLong(master).array());
        md.update(name.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(md.digest()).getLong();
    }

    /** The seed of {@code name} and index {@code i} (e.g. fold or ensemble member): derive(master, name + "#" + i). */
    public static long derive(long master, String name, int i) {
        return derive(master, name + "#" + i);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
