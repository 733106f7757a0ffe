package org.anomalysearch.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 of files (streamed, bounded memory), byte arrays and strings, as lower-case hex. */
public final class Hashing {

    private static final int BUFFER = 1 << 16;

    private Hashing() {
    }

    /** SHA-256 of a file's bytes, read in 64 KiB blocks. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = Seeds.sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(Seeds.sha256().digest(bytes));
    }

    /** SHA-256 of the UTF-8 bytes of {@code text}. */
    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
