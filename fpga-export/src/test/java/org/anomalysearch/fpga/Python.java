package org.anomalysearch.fpga;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Whether a Python interpreter can import a module (gates the tests that check our files with Python tools). */
public final class Python {
    private Python() {
    }

    /** True when {@code python -c "import <modules>"} exits 0 within a minute. */
    public static boolean canImport(String python, String modules) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import " + modules).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
