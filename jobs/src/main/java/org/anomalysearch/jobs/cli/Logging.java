package org.anomalysearch.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** The console's log levels beyond log4j2.properties: {@code --verbose} and {@code --quiet}. */
final class Logging {

    private Logging() {
    }

    /** The libraries' notices that are off by default (log4j2.properties) back at WARN. */
    static void verbose() {
        for (String name : new String[] {"ai.djl.util.cuda.CudaUtils", "org.apache.spark.util.Utils",
                                         "org.apache.spark.scheduler.TaskSetManager",
                                         "org.apache.hadoop.util.NativeCodeLoader"}) {
            Configurator.setLevel(name, Level.WARN);
        }
    }

    /** Errors only: the commands' printed results stay. */
    static void quiet() {
        Configurator.setRootLevel(Level.ERROR);
        Configurator.setLevel("org.anomalysearch", Level.ERROR);
    }
}
