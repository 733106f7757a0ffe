package org.anomalysearch.jobs.cli;

/** The application's version and environment, for --version and provenance. */
public final class AppInfo {

    private AppInfo() {
    }

    /** The version of the jobs jar (from its manifest), or "0.1.0-SNAPSHOT" when run from classes. */
    public static String version() {
        String v = AppInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
