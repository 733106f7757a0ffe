package org.anomalysearch.core.event;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A named column of an event table with its unit ("GeV", "rad" or "" for dimensionless) and a one-line
 * description. {@code integer} columns hold whole numbers (stored as INT32 in Parquet).
 */
public record Feature(String name, String unit, boolean integer, String description) implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    public Feature {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name must match " + NAME + ", got '" + name + "'");
        }
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
    }

    public static Feature of(String name, String unit, String description) {
        return new Feature(name, unit, false, description);
    }
}
