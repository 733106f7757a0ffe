package org.anomalysearch.export.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.anomalysearch.results.BumpHunt;
import org.anomalysearch.results.ResultsCodec;
import org.anomalysearch.results.RunResults;
import org.anomalysearch.results.ScanWindow;
import org.junit.jupiter.api.Test;

/**
 * The pyhf workspaces of a demo run's results (src/test/resources/runs, see its README) against pyhf's published
 * workspace schema 1.0.0, their numbers against the typed results, and the discovery significance they imply
 * (one bin with a Poisson-constrained background: the on/off problem, Li and Ma's closed form) against the run's
 * own local Z.
 */
class PyhfWorkspaceTest {

    static RunResults demo() throws Exception {
        return ResultsCodec.readResults(Path.of(PyhfWorkspaceTest.class.getResource("/runs/demo-results.json").toURI()));
    }

    @Test
    void demoWorkspacesConformToPyhfSchemaAndCarryTheFittedBackground() throws Exception {
        RunResults r = demo();
        Map<String, PyhfWorkspace> ws = PyhfWorkspace.of(r);
        assertEquals(List.of("signal_region", "scan_window"), List.copyOf(ws.keySet()));

        JsonNode sr = Schemas.JSON.readTree(ws.get("signal_region").toJson());
        assertEquals(Schemas.errors(Schemas.pyhfWorkspace(), sr).toString(), "[]");
        BumpHunt.MaskedFit f = r.signalRegion().sidebandFit();
        assertEquals(f.observed(), sr.at("/observations/0/data/0").asDouble());
        assertEquals("signal_region", sr.at("/observations/0/name").asText());
        assertEquals(f.predicted(), sr.at("/channels/0/samples/1/data/0").asDouble());
        assertEquals("shapesys", sr.at("/channels/0/samples/1/modifiers/0/type").asText());
        assertEquals(f.predictedError(), sr.at("/channels/0/samples/1/modifiers/0/data/0").asDouble());
        assertEquals("normfactor", sr.at("/channels/0/samples/0/modifiers/0/type").asText());
        assertTrue(sr.at("/channels/0/samples/0/modifiers/0/data").isNull(), "pyhf wants data: null");
        assertEquals("mu", sr.at("/measurements/0/config/poi").asText());
        // the on/off significance of the workspace's numbers matches the run's profile-likelihood Z (Gaussian
        // constraint there, Poisson in pyhf's shapesys: the same to a few per mille at 2 sigma)
        assertEquals(f.localZ(), liMa(sr), 0.02);

        JsonNode sw = Schemas.JSON.readTree(ws.get("scan_window").toJson());
        assertEquals(Schemas.errors(Schemas.pyhfWorkspace(), sw).toString(), "[]");
        ScanWindow w = r.scan().windows().get(r.scan().global().window());
        ScanWindow.Efficiency e = w.at(r.scan().global().efficiency());
        assertEquals(4492, sw.at("/observations/0/data/0").asDouble(), "the demo's selected events");
        assertEquals(e.expected(), sw.at("/channels/0/samples/1/data/0").asDouble());
        assertEquals(e.expectedError(), sw.at("/channels/0/samples/1/modifiers/0/data/0").asDouble());
        // at 7 sigma the two constraints differ by a few per cent
        assertEquals(e.localZ(), liMa(sw), 0.05 * e.localZ());
    }

    @Test
    void schemaCheckCatchesAWorkspaceThatPyhfWouldRefuse() throws Exception {
        ObjectNode ws = (ObjectNode) Schemas.JSON.readTree(PyhfWorkspace.countingExperiment("sr", 10, 8, 1).toJson());
        assertEquals("[]", Schemas.errors(Schemas.pyhfWorkspace(), ws).toString());
        ObjectNode noVersion = ws.deepCopy();
        noVersion.remove("version");
        assertFalse(Schemas.errors(Schemas.pyhfWorkspace(), noVersion).isEmpty());
        ObjectNode normfactorWithData = ws.deepCopy();
        ((ObjectNode) normfactorWithData.at("/channels/0/samples/0/modifiers/0")).putArray("data").add(1.0);
        assertFalse(Schemas.errors(Schemas.pyhfWorkspace(), normfactorWithData).isEmpty());
    }

    @Test
    void withoutUncertaintyTheBackgroundHasNoModifierAndBadCountsAreRefused() throws Exception {
        JsonNode ws = Schemas.JSON.readTree(PyhfWorkspace.countingExperiment("sr", 10, 8, 0).toJson());
        assertEquals("[]", Schemas.errors(Schemas.pyhfWorkspace(), ws).toString());
        assertEquals(0, ws.at("/channels/0/samples/1/modifiers").size());
        assertEquals(20.0, ws.at("/measurements/0/config/parameters/0/bounds/0/1").asDouble(), "mu up to 2 x observed");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PyhfWorkspace.countingExperiment("sr", 10, 0, 1));
    }

    /**
     * Li and Ma (1983), eq. 17, for the workspace's one bin: n observed on, the shapesys auxiliary measurement
     * tau = (b / sigma)^2 as the off count with exposure ratio alpha = b / tau.
     */
    static double liMa(JsonNode ws) {
        double n = ws.at("/observations/0/data/0").asDouble();
        double b = ws.at("/channels/0/samples/1/data/0").asDouble();
        double sigma = ws.at("/channels/0/samples/1/modifiers/0/data/0").asDouble();
        double off = (b / sigma) * (b / sigma);
        double alpha = b / off;
        double t = n * Math.log((1 + alpha) / alpha * n / (n + off)) + off * Math.log((1 + alpha) * off / (n + off));
        return Math.signum(n - b) * Math.sqrt(2 * t);
    }
}
