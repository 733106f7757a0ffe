package org.anomalysearch.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.config.AnalysisConfig;
import org.anomalysearch.core.config.JetConfig;
import org.anomalysearch.core.jet.JetAlgorithm;
import org.anomalysearch.core.jet.JetDefinition;
import org.anomalysearch.core.json.Json;
import org.anomalysearch.core.provenance.InputFile;
import org.anomalysearch.core.provenance.Provenance;
import org.anomalysearch.core.provenance.RunInfo;
import org.anomalysearch.core.select.CutFlow;
import org.anomalysearch.density.FlowConfig;
import org.anomalysearch.io.Compression;
import org.anomalysearch.io.EventTableWriter;
import org.anomalysearch.io.WriteOptions;
import org.anomalysearch.io.config.ConfigLoader;
import org.anomalysearch.io.config.ConfigWriter;
import picocli.CommandLine.Option;

/** Options and helpers shared by the commands and the Spark jobs (the footer metadata of event tables). */
public final class Common {

    /** Footer key of the run's provenance (JSON). */
    public static final String PROVENANCE_KEY = "anomalysearch.provenance";
    /** Footer key of the canonical config (YAML). */
    public static final String CONFIG_KEY = "anomalysearch.config";
    /** Footer key of the selection's cut-flow (JSON). */
    public static final String CUTFLOW_KEY = "anomalysearch.cutflow";
    /** Footer key of the cut-flow as the text table the command line prints. */
    public static final String CUTFLOW_TABLE_KEY = "anomalysearch.cutflow.table";

    /** Footer key of the row filter applied after the selection (--mjj-range, --label). */
    public static final String FILTER_KEY = "anomalysearch.filter";

    private Common() {
    }

    /** {@code --overwrite} and {@code --compression}. */
    /** The flow's architecture options, shared by 'density fit' and the density benchmarks; null = FlowConfig's default. */
    static final class FlowOptions {
        @Option(names = "--flow-blocks", paramLabel = "N", description = "Flow: MADE blocks (default 8).")
        Integer blocks;

        @Option(names = "--flow-hidden", paramLabel = "N", description = "Flow: hidden units per MADE layer (default 64).")
        Integer hidden;

        @Option(names = "--flow-layers", paramLabel = "N", description = "Flow: hidden layers per MADE (default 2).")
        Integer layers;

        @Option(names = "--flow-ensemble", paramLabel = "K", description = "Flow: the model is the uniform mixture of "
                + "the K epochs with the lowest validation NLL (default 5).")
        Integer ensemble;

        boolean anySet() {
            return blocks != null || hidden != null || layers != null || ensemble != null;
        }

        /** {@code c} with the given options applied (validated by FlowConfig). */
        FlowConfig apply(FlowConfig c) {
            c = blocks == null ? c : c.withBlocks(blocks);
            c = hidden == null ? c : c.withHidden(hidden);
            c = layers == null ? c : c.withLayers(layers);
            return ensemble == null ? c : c.withEnsemble(ensemble);
        }
    }

    static final class OutputOptions {
        @Option(names = "--overwrite", description = "Replace an existing output file (never done without it).")
        boolean overwrite;

        @Option(names = "--compression", defaultValue = "ZSTD", paramLabel = "CODEC",
                description = "Parquet compression: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Compression compression = Compression.ZSTD;

        WriteOptions writeOptions(Map<String, String> metadata) {
            return new WriteOptions(overwrite, compression, metadata);
        }
    }

    /** {@code --config} and {@code --seed}. */
    static final class ConfigOptions {
        @Option(names = {"-c", "--config"}, paramLabel = "YAML",
                description = "Analysis config (YAML, schemaVersion 1); defaults apply to absent keys.")
        Path config;

        @Option(names = "--seed", paramLabel = "N", description = "Master seed (overrides the config's seed).")
        Long seed;

        AnalysisConfig load() throws IOException {
            AnalysisConfig c = config == null ? AnalysisConfig.defaults() : ConfigLoader.load(config);
            return seed == null ? c : c.withSeed(seed);
        }
    }

    /**
     * Checks, before any work, that the model directory {@code dir} can take a new model: it holds no model yet (its
     * {@code manifest} file; unless {@code overwrite}) and is not a file. {@code what} names the model in the error
     * ("trained model", "trigger model").
     */
    static void requireModelDirectory(Path dir, String manifest, boolean overwrite, String what) {
        if (Files.exists(dir.resolve(manifest)) && !overwrite) {
            throw new InvalidInputException(dir.toString(), null, "already holds a " + what,
                    "choose another -o or pass --overwrite");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(dir.toString(), null, "exists and is not a directory",
                    "-o names the model directory");
        }
    }

    /**
     * An output directory that is removed again when the command created it and then failed: a failed command leaves
     * no empty or half-filled directory behind. Usage: {@code try (OutputDir d = OutputDir.create(dir)) { ...;
     * d.commit(); }}. A directory that existed before is never removed.
     */
    public static final class OutputDir implements AutoCloseable {
        /** The outermost directory this call created (null: it existed). */
        private final Path created;
        private boolean committed;

        private OutputDir(Path created) {
            this.created = created;
        }

        /** Creates {@code dir} and its missing parents. */
        public static OutputDir create(Path dir) throws IOException {
            Path abs = dir.toAbsolutePath().normalize();
            Path first = null;
            for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
                first = p;
            }
            Files.createDirectories(abs);
            return new OutputDir(first);
        }

        /** The command succeeded: keep the directory. */
        public void commit() {
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (committed || created == null || !Files.isDirectory(created)) {
                return;
            }
            try (var files = Files.walk(created)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The jet definition of the config's jets section. */
    public static JetDefinition jetDefinition(JetConfig c) {
        JetAlgorithm a = switch (c.algorithm()) {
            case "anti-kt" -> JetAlgorithm.ANTI_KT;
            case "kt" -> JetAlgorithm.KT;
            case "cambridge-aachen" -> JetAlgorithm.CAMBRIDGE_AACHEN;
            default -> throw new IllegalStateException("unvalidated jet algorithm " + c.algorithm());
        };
        return new JetDefinition(a, c.radius(), c.ptMin());
    }

    /** Footer metadata: the canonical config and the provenance of this run. */
    public static Map<String, String> metadata(AnalysisConfig config, Provenance provenance) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CONFIG_KEY, ConfigWriter.toYaml(config));
        m.put(PROVENANCE_KEY, Json.write(provenance.toMap()));
        return m;
    }

    /** The provenance of a run: config hash, seed, command-line arguments and each input's SHA-256. */
    public static Provenance provenance(AnalysisConfig config, List<String> seedNames, List<Path> inputs, String[] args)
            throws IOException {
        Provenance p = RunInfo.capture(ConfigWriter.sha256(config), config.seed(), seedNames, List.of(), "cpu",
                new ArrayList<>(List.of(args)));
        for (Path input : inputs) {
            p = p.withInput(hash(input));
        }
        return p;
    }

    /** SHA-256 of an input for the provenance, with progress in MB: a large input takes a while to read. */
    static InputFile hash(Path file) throws IOException {
        long size = Files.size(file);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file);
             Progress p = size > (256L << 20) ? new Progress("sha256 " + file.getFileName(), size >> 20, "MB") : null) {
            long done = 0;
            long reportedMb = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                done += n;
                if (p != null && (done >> 20) > reportedMb) {
                    p.stepBy((done >> 20) - reportedMb);
                    reportedMb = done >> 20;
                }
            }
        }
        return new InputFile(file.toAbsolutePath().toString(), size, HexFormat.of().formatHex(md.digest()));
    }

    /** Stores the cut-flow in a table's footer, as JSON and as the printed table. */
    public static void putCutFlow(EventTableWriter w, CutFlow flow) {
        w.putMetadata(CUTFLOW_KEY, cutFlowJson(flow));
        w.putMetadata(CUTFLOW_TABLE_KEY, flow.toTable());
    }

    public static String cutFlowJson(CutFlow flow) {
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < flow.names().size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("cut", flow.names().get(i));
            r.put("passed", flow.passed(i));
            r.put("passedWeight", flow.passedWeight(i));
            rows.add(r);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", flow.total());
        m.put("totalWeight", flow.totalWeight());
        m.put("cuts", rows);
        return Json.write(m);
    }
}
