package org.anomalysearch.density;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-epoch training curves: named columns (for example {@code train}, {@code validation}) and one row of
 * values per epoch. Immutable.
 *
 * @param columns column names
 * @param rows    one array of {@code columns.size()} values per epoch, in epoch order
 */
public record LossHistory(List<String> columns, List<double[]> rows) {

    public LossHistory {
        columns = List.copyOf(columns);
        List<double[]> copy = new ArrayList<>();
        for (double[] r : rows) {
            if (r.length != columns.size()) {
                throw new IllegalArgumentException("row of " + r.length + " values for columns " + columns);
            }
            copy.add(r.clone());
        }
        rows = List.copyOf(copy);
    }

    /** Number of epochs recorded. */
    public int epochs() {
        return rows.size();
    }

    /** The values of one column over the epochs. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no loss column '" + name + "'; have " + columns);
        }
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rows.get(i)[c];
        }
        return v;
    }

    /** A JSON-ready map {column: [values per epoch]}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String c : columns) {
            m.put(c, column(c));
        }
        return m;
    }

    String encode() {
        StringBuilder sb = new StringBuilder();
        for (double[] r : rows) {
            sb.append(sb.length() == 0 ? "" : ";").append(Preprocessor.hex(r));
        }
        return sb.toString();
    }

    static LossHistory decode(String columns, String rows) {
        List<String> cols = List.of(columns.split(","));
        List<double[]> rs = new ArrayList<>();
        if (!rows.isEmpty()) {
            for (String r : rows.split(";")) {
                rs.add(List.of(r.split(",")).stream().mapToDouble(Double::parseDouble).toArray());
            }
        }
        return new LossHistory(cols, rs);
    }
}
