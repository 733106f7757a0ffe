package org.anomalysearch.fpga.export;

import org.anomalysearch.core.InvalidConfigException;

/**
 * The hls4ml project settings of an export.
 *
 * @param projectName   hls4ml {@code ProjectName} (a C++ identifier)
 * @param hlsOutputDir  hls4ml {@code OutputDir}, relative to where hls4ml is run
 * @param part          FPGA part, default {@value #DEFAULT_PART} (hls4ml's default part, as in FIXED_POINT.md)
 * @param clockPeriodNs clock period in ns, default 5
 * @param reuseFactor   model-wide ReuseFactor (must be valid for every Dense layer)
 * @param overwrite     replace an existing export directory
 */
public record ExportOptions(String projectName, String hlsOutputDir, String part, double clockPeriodNs,
        int reuseFactor, boolean overwrite) {

    /** hls4ml's default part (Virtex UltraScale+ VU13P), as in ../shared/docs/FIXED_POINT.md. */
    public static final String DEFAULT_PART = "xcvu13p-flga2577-2-e";

    public ExportOptions {
        if (projectName == null || !projectName.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new InvalidConfigException("ProjectName", "'" + projectName + "' is not a C++ identifier",
                    "use letters, digits and underscores, e.g. anomaly_classifier");
        }
        if (hlsOutputDir == null || hlsOutputDir.isBlank()) {
            throw new InvalidConfigException("OutputDir", "empty", "e.g. hls_project");
        }
        if (part == null || !part.matches("[A-Za-z0-9_.-]+")) {
            throw new InvalidConfigException("Part", "'" + part + "' is not a part name",
                    "e.g. " + DEFAULT_PART);
        }
        if (!(clockPeriodNs > 0) || !Double.isFinite(clockPeriodNs)) {
            throw new InvalidConfigException("ClockPeriod", "clock period " + clockPeriodNs + " ns",
                    "give a positive period in ns, e.g. 5");
        }
        if (reuseFactor < 1) {
            throw new InvalidConfigException("ReuseFactor", "reuse factor " + reuseFactor, "at least 1");
        }
    }

    /** Project anomaly_classifier in hls_project, default part, 5 ns, RF 1, no overwrite. */
    public static ExportOptions defaults() {
        return new ExportOptions("anomaly_classifier", "hls_project", DEFAULT_PART, 5, 1, false);
    }

    /** With another reuse factor. */
    public ExportOptions withReuseFactor(int rf) {
        return new ExportOptions(projectName, hlsOutputDir, part, clockPeriodNs, rf, overwrite);
    }

    /** With another part and clock. */
    public ExportOptions withPart(String newPart, double newClockPeriodNs) {
        return new ExportOptions(projectName, hlsOutputDir, newPart, newClockPeriodNs, reuseFactor, overwrite);
    }

    /** With another project name. */
    public ExportOptions withProjectName(String name) {
        return new ExportOptions(name, hlsOutputDir, part, clockPeriodNs, reuseFactor, overwrite);
    }

    /** With overwrite on or off. */
    public ExportOptions withOverwrite(boolean replace) {
        return new ExportOptions(projectName, hlsOutputDir, part, clockPeriodNs, reuseFactor, replace);
    }
}
