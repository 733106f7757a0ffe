package org.anomalysearch.density;

import java.util.List;

import org.anomalysearch.core.AnalysisException;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;

/** DJL plumbing shared by the trainers: the engine, the device, the parameter update. Package-private. */
final class Djl {

    static final String ENGINE = "PyTorch";
    /** Set to {@code gpu} to train on the first CUDA device when DJL finds one; CPU otherwise. */
    static final String DEVICE_PROPERTY = "anomalysearch.density.device";

    private Djl() {
    }

    /** The PyTorch engine, or a clear error when it (or its native library) is missing. */
    static Engine engine() {
        return engine(ENGINE);
    }

    /** The named DJL engine, or an {@link AnalysisException} naming what is missing and how to add it. */
    static Engine engine(String name) {
        try {
            return Engine.getEngine(name);
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new AnalysisException("the DJL " + name + " engine is not available: " + e.getMessage(),
                    "put ai.djl.pytorch:pytorch-engine, pytorch-native-cpu (classifier linux-x86_64) and pytorch-jni on "
                            + "the classpath; with -Dai.djl.offline=true the native library must come from those jars or "
                            + "DJL_CACHE_DIR");
        }
    }

    static Device device(Engine engine) {
        if ("gpu".equalsIgnoreCase(System.getProperty(DEVICE_PROPERTY, "cpu")) && engine.getGpuCount() > 0) {
            return Device.gpu();
        }
        return Device.cpu();
    }

    /** Applies the optimiser to every parameter and zeroes its gradient. */
    static void step(Optimizer opt, String prefix, List<NDArray> params) {
        for (int i = 0; i < params.size(); i++) {
            NDArray p = params.get(i);
            try (NDArray g = p.getGradient()) {
                opt.update(prefix + i, p, g);
                g.subi(g);
            }
        }
    }

    /**
     * Zeroes the gradients of the parameters (after a backward pass whose gradients are not wanted). Overwrites
     * them, so a gradient holding inf or NaN is cleared too (g - g would leave NaN there and poison every later step).
     */
    static void zeroGradients(List<NDArray> params) {
        for (NDArray p : params) {
            try (NDArray g = p.getGradient()) {
                // an in-place fill of the tensor's own memory, any shape (NDArray.set(Buffer) would swap in a Java
                // buffer whose lifetime ends with this handle)
                g.set(new ai.djl.ndarray.index.NDIndex("..."), 0);
            }
        }
    }

    static NDManager newManager(Engine engine, Device device) {
        return engine.newBaseManager(device);
    }
}
