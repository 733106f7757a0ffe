package org.anomalysearch.export.formats;

import java.util.LinkedHashMap;
import java.util.Map;
import org.anomalysearch.results.RunResults;

/**
 * A run's results in the formats of the field, as files relative to a folder: {@value #PYHF}/ holds one pyhf
 * workspace per tested window ({@link PyhfWorkspace}), {@value #HEPDATA}/ a HEPData submission ({@link HepDataRecord}).
 * Built from the typed results only; the caller writes them.
 */
public final class FieldFormats {

    /** The folder of the pyhf workspaces. */
    public static final String PYHF = "pyhf";
    /** The folder of the HEPData submission. */
    public static final String HEPDATA = "hepdata";

    private FieldFormats() {
    }

    /** File name to JSON text of each pyhf workspace ({@code signal_region.json}, {@code scan_window.json}). */
    public static Map<String, String> pyhf(RunResults r) {
        Map<String, String> out = new LinkedHashMap<>();
        PyhfWorkspace.of(r).forEach((name, ws) -> out.put(name + ".json", ws.toJson()));
        return out;
    }

    /** File name to YAML text of the HEPData submission, the sample label derived from the run's input. */
    public static Map<String, String> hepData(RunResults r) {
        return HepDataRecord.files(r, SampleLabel.forInput(r.input()));
    }

    /** Both, by path relative to the run directory ({@code pyhf/...}, {@code hepdata/...}). */
    public static Map<String, String> all(RunResults r) {
        Map<String, String> out = new LinkedHashMap<>();
        pyhf(r).forEach((f, text) -> out.put(PYHF + "/" + f, text));
        hepData(r).forEach((f, text) -> out.put(HEPDATA + "/" + f, text));
        return out;
    }
}
