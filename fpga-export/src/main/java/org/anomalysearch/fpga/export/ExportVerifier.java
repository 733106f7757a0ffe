package org.anomalysearch.fpga.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.anomalysearch.core.InvalidInputException;

/**
 * Checks an export with the real tool where it is installed: runs {@code verify_export.py} (a resource beside this
 * class) with {@code python3}, which for an hls4ml export loads {@code hls4ml_config.yml} with
 * {@code convert_from_config}, compiles the C simulation and compares its predictions on
 * {@code tb_input_features.dat} with {@code tb_output_predictions.dat}; for a conifer export loads
 * {@code conifer_model.json}, compiles and compares {@code decision_function}. Where the tool (or python3) is not
 * there the check is {@link Status#SKIPPED} and says why; it never passes silently.
 */
public final class ExportVerifier {
    /** The script resource. */
    static final String SCRIPT = "verify_export.py";

    private ExportVerifier() {
    }

    /** Which tool checks the export. */
    public enum Tool {
        /** hls4ml (an MLP export). */
        HLS4ML,
        /** conifer (a boosted-tree export). */
        CONIFER
    }

    /** The outcome. */
    public enum Status {
        /** Every row of the tool's output equals tb_output_predictions.dat. */
        PASSED,
        /** Some row differs. */
        FAILED,
        /** The tool could not be run here. */
        SKIPPED
    }

    /**
     * What the check found.
     *
     * @param status    the outcome
     * @param equalRows rows equal to the expected outputs (0 when skipped)
     * @param rows      rows compared (0 when skipped)
     * @param detail    the tool's version and the largest difference, or why it was skipped
     */
    public record Verification(Status status, int equalRows, int rows, String detail) {
        /** One line for the user. */
        public String describe() {
            return switch (status) {
                case SKIPPED -> "verify: skipped (" + detail + ")";
                default -> String.format(Locale.ROOT, "verify: %s: %d of %d rows equal tb_output_predictions.dat "
                        + "(%s)", status == Status.PASSED ? "passed" : "FAILED", equalRows, rows, detail);
            };
        }
    }

    /** Runs the check with {@code python3} from the PATH; {@code timeoutMinutes} bounds the tool's compile. */
    public static Verification verify(Tool tool, Path exportDir, long timeoutMinutes) throws IOException {
        return verify(tool, exportDir, "python3", timeoutMinutes);
    }

    /**
     * Runs the check with the given Python interpreter (a name looked up on the PATH, or a path); the process inherits
     * this one's environment (e.g. PYTHONPATH for an hls4ml run from source).
     */
    public static Verification verify(Tool tool, Path exportDir, String python, long timeoutMinutes)
            throws IOException {
        String script;
        try (InputStream in = ExportVerifier.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the fpga-export jar");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", script, tool.name().toLowerCase(Locale.ROOT),
                    exportDir.toAbsolutePath().toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Verification(Status.SKIPPED, 0, 0, python + " cannot be started: " + e.getMessage());
        }
        p.getOutputStream().close();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new InvalidInputException(exportDir.toString(), null, tool + " did not finish within "
                        + timeoutMinutes + " minutes", "run the check by hand (see the config's header)");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + tool + " checked " + exportDir, e);
        }
        List<String> lines = out.lines().toList();
        for (String line : lines) {
            if (line.startsWith("SKIPPED ")) {
                return new Verification(Status.SKIPPED, 0, 0, line.substring(8));
            }
            if (line.startsWith("RESULT ")) {
                String[] f = line.split(" ");
                int equal = Integer.parseInt(f[1]);
                int rows = Integer.parseInt(f[2]);
                return new Verification(equal == rows ? Status.PASSED : Status.FAILED, equal, rows,
                        tool.name().toLowerCase(Locale.ROOT) + " " + f[3] + ", largest difference " + f[4]);
            }
        }
        String tail = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        throw new InvalidInputException(exportDir.toString(), null, tool + " failed on the export (exit "
                + p.exitValue() + "): " + tail, "run the config's convert command by hand to see the whole error");
    }
}
