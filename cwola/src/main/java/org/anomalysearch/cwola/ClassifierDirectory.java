package org.anomalysearch.cwola;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.anomalysearch.core.InvalidInputException;

/**
 * A classifier model directory, as {@code classify train} writes it and a run keeps its chosen window's classifier:
 * one sub-directory per member ({@code model}, or {@code fold-0} ... for k folds) and {@value #MANIFEST}, whose
 * {@code members} key lists them in order; the other keys (mode, model kind, features, folds, seed, data) describe
 * the training. {@code classify score}, {@code classify evaluate} and the FPGA export read it back with {@link #load}.
 */
public final class ClassifierDirectory {

    /** The manifest file's name. */
    public static final String MANIFEST = "classify.properties";

    /** The most models (folds x repeats) a model directory may list. */
    public static final int MAX_MEMBERS = 1_000;

    private ClassifierDirectory() {
    }

    /**
     * Saves {@code members} under {@code names} in {@code dir} and writes the manifest (format 1, members, and
     * {@code properties} in their iteration order) through a temporary file, last, so a directory with a manifest is
     * complete.
     */
    public static void write(Path dir, List<Classifier> members, List<String> names, Map<String, String> properties,
                             String comment) throws IOException {
        if (members.size() != names.size() || members.isEmpty()) {
            throw new IllegalArgumentException(members.size() + " members for names " + names);
        }
        Files.createDirectories(dir);
        for (int i = 0; i < members.size(); i++) {
            members.get(i).save(dir.resolve(names.get(i)));
        }
        Properties p = new Properties();
        p.setProperty("format", "1");
        properties.forEach(p::setProperty);
        p.setProperty("members", String.join(",", names));
        Path tmp = dir.resolve("." + MANIFEST + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            p.store(os, comment);
        }
        Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The members of a model directory, in the manifest's order. */
    public static List<Classifier> load(Path dir) throws IOException {
        Path f = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(f)) {
            throw new InvalidInputException(dir.toString(), null, Files.isDirectory(dir) ? "holds no " + MANIFEST
                    : "no such model directory", "pass the -o directory of 'classify train' or a run's "
                    + "models/window-NNN/classifier");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        List<String> names = new ArrayList<>();
        for (String name : p.getProperty("members", "").split(",")) {
            if (!name.isBlank()) {
                if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*") || name.equals("..")) {
                    throw new InvalidInputException(f.toString(), "members", "'" + name + "' is not the name of a "
                            + "model directory inside " + dir, "the file was altered; retrain with 'classify train'");
                }
                names.add(name);
            }
        }
        if (names.size() > MAX_MEMBERS) {
            throw new InvalidInputException(f.toString(), "members", "lists " + names.size() + " models, more than "
                    + MAX_MEMBERS, "the file was altered; retrain with 'classify train'");
        }
        List<Classifier> members = new ArrayList<>();
        for (String name : names) {
            members.add(Classifiers.load(dir.resolve(name)));
        }
        if (members.isEmpty()) {
            throw new InvalidInputException(f.toString(), "members", "lists no model", "retrain with 'classify train'");
        }
        return members;
    }
}
