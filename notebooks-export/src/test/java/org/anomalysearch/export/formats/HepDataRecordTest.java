package org.anomalysearch.export.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.ScanWindow;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.junit.jupiter.api.Test;

/**
 * The HEPData submission of a demo run's results, checked as hepdata-validator checks it (schema 1.1.1): the first
 * document of submission.yaml against additional_info_schema.json, every other against submission_schema.json, each
 * table file against data_schema.json; then its numbers against the typed results and the data uncertainties
 * against Garwood's interval computed from chi-squared quantiles.
 */
class HepDataRecordTest {

    @Test
    void demoSubmissionConformsToHepDataSchemasAndHoldsTheRunsNumbers() throws Exception {
        RunResults r = PyhfWorkspaceTest.demo();
        Map<String, String> files = HepDataRecord.files(r, SampleLabel.forInput(r.input()));
        assertEquals(List.of("submission.yaml", "mjj_spectrum.yaml", "selected_spectrum.yaml", "scan_windows.yaml",
                "significances.yaml"), List.copyOf(files.keySet()));

        List<JsonNode> docs = Schemas.yamlDocuments(files.get("submission.yaml"));
        assertEquals(5, docs.size(), "one comment document and four tables");
        assertEquals("[]", Schemas.errors(Schemas.hepdata("additional_info_schema.json"), docs.get(0)).toString());
        assertTrue(docs.get(0).get("comment").asText().contains("Synthetic dijets"), docs.get(0).toString());
        List<String> dataFiles = new ArrayList<>();
        for (JsonNode table : docs.subList(1, docs.size())) {
            assertEquals("[]", Schemas.errors(Schemas.hepdata("submission_schema.json"), table).toString());
            assertEquals("13000", table.at("/keywords/0/values/0").toString(), "cmenergies in GeV, an integer");
            dataFiles.add(table.get("data_file").asText());
        }
        assertEquals(List.of("mjj_spectrum.yaml", "selected_spectrum.yaml", "scan_windows.yaml",
                "significances.yaml"), dataFiles);
        JsonSchema data = Schemas.hepdata("data_schema.json");
        for (String f : dataFiles) {
            List<JsonNode> d = Schemas.yamlDocuments(files.get(f));
            assertEquals(1, d.size());
            assertEquals("[]", Schemas.errors(data, d.get(0)).toString(), f);
        }

        JsonNode spectrum = Schemas.yamlDocuments(files.get("mjj_spectrum.yaml")).get(0);
        BumpHunt b = r.bumpHunt();
        JsonNode mjj = spectrum.at("/independent_variables/0");
        assertEquals("GeV", mjj.at("/header/units").asText());
        assertEquals(b.counts().length, mjj.get("values").size());
        for (int i = 0; i < b.counts().length; i++) {
            assertEquals(b.binEdges()[i], mjj.at("/values/" + i + "/low").asDouble());
            assertEquals(b.binEdges()[i + 1], mjj.at("/values/" + i + "/high").asDouble());
            JsonNode n = spectrum.at("/dependent_variables/0/values/" + i);
            double count = b.counts()[i];
            assertEquals(count, n.get("value").asDouble());
            // Garwood: [chi2_{2n}(0.1587) / 2, chi2_{2n+2}(0.8413) / 2]
            double lo = count == 0 ? 0 : new ChiSquaredDistribution(2 * count).inverseCumulativeProbability(0.15865) / 2;
            double hi = new ChiSquaredDistribution(2 * count + 2).inverseCumulativeProbability(0.84135) / 2;
            assertEquals(lo - count, n.at("/errors/0/asymerror/minus").asDouble(), 2e-3 * Math.max(1, count - lo));
            assertEquals(hi - count, n.at("/errors/0/asymerror/plus").asDouble(), 2e-3 * (hi - count));
            assertEquals(b.expected()[i], spectrum.at("/dependent_variables/1/values/" + i + "/value").asDouble(),
                    1e-5 * b.expected()[i], "fit, 6 significant digits");
        }

        JsonNode selected = Schemas.yamlDocuments(files.get("selected_spectrum.yaml")).get(0);
        ScanWindow chosen = r.scan().windows().get(r.scan().global().window());
        ScanWindow.Efficiency at = chosen.at(r.scan().global().efficiency());
        assertEquals(chosen.edges().length - 1, selected.at("/independent_variables/0/values").size());
        double inSr = 0;
        for (int i = 0; i < at.counts().length; i++) {
            assertEquals(at.counts()[i], selected.at("/dependent_variables/0/values/" + i + "/value").asDouble());
            assertEquals(at.fit().expected()[i], selected.at("/dependent_variables/1/values/" + i + "/value")
                    .asDouble(), 1e-5 * at.fit().expected()[i]);
            double lo = selected.at("/independent_variables/0/values/" + i + "/low").asDouble();
            if (lo >= chosen.signalRegion()[0] && lo < chosen.signalRegion()[1]) {
                inSr += at.counts()[i];
            }
        }
        assertEquals(at.selected(), inSr, "the SR bins hold the selected events the pyhf workspace counts");

        JsonNode windows = Schemas.yamlDocuments(files.get("scan_windows.yaml")).get(0);
        List<ScanWindow> ws = r.scan().windows();
        assertEquals(ws.size(), windows.at("/independent_variables/0/values").size());
        ScanWindow best = ws.get(r.scan().global().window());
        int row = -1;
        for (int i = 0; i < ws.size(); i++) {
            if (windows.at("/independent_variables/0/values/" + i + "/low").asDouble() == best.signalRegion()[0]) {
                row = i;
            }
        }
        assertTrue(row >= 0);
        assertEquals(best.selectedEvents(), windows.at("/dependent_variables/1/values/" + row + "/value").asLong());
        assertEquals(best.at(best.bestEfficiency()).expectedError(),
                windows.at("/dependent_variables/2/values/" + row + "/errors/0/symerror").asDouble(), 1e-3);
        assertEquals(best.localZ(), windows.at("/dependent_variables/3/values/" + row + "/value").asDouble(), 5e-3);

        JsonNode sig = Schemas.yamlDocuments(files.get("significances.yaml")).get(0);
        JsonNode methods = sig.at("/independent_variables/0/values");
        assertTrue(methods.get(0).get("value").asText().startsWith("BumpHunter"), methods.toString());
        assertEquals(r.bumpHunt().bumpHunter().globalZ(), sig.at("/dependent_variables/2/values/0/value").asDouble(),
                1e-3);
        assertTrue(r.scan().global().globalZIsLowerBound(), "the demo's scan: no toy of 200 reached the data");
        assertEquals(">= 2.576", sig.at("/dependent_variables/2/values/1/value").asText());
        assertEquals("< 0.005", sig.at("/dependent_variables/3/values/1/value").asText());
        assertEquals(r.bumpHunt().bumpHunter().globalPError(),
                sig.at("/dependent_variables/3/values/0/errors/0/symerror").asDouble(), 1e-3);
        assertEquals("-", sig.at("/dependent_variables/2/values/" + (methods.size() - 1) + "/value").asText(),
                "the sideband fit has no global Z");
    }

    @Test
    void schemaCheckCatchesATableHepDataWouldRefuse() throws Exception {
        RunResults r = PyhfWorkspaceTest.demo();
        JsonNode d = Schemas.yamlDocuments(HepDataRecord.files(r, SampleLabel.forInput(null))
                .get("mjj_spectrum.yaml")).get(0);
        JsonSchema data = Schemas.hepdata("data_schema.json");
        ObjectNode noHeader = d.deepCopy();
        ((ObjectNode) noHeader.at("/dependent_variables/0")).remove("header");
        assertFalse(Schemas.errors(data, noHeader).isEmpty());
        ObjectNode badError = d.deepCopy();
        ((ObjectNode) badError.at("/dependent_variables/0/values/0/errors/0")).put("symerror", 1.0);
        assertFalse(Schemas.errors(data, badError).isEmpty(), "symerror and asymerror together");
    }
}
