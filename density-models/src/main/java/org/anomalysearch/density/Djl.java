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

    /**
     * A tensor holding a copy of {@code data}, in memory allocated and reference-counted by PyTorch itself.
     *
     * <p>{@code NDManager.create(float[])} leaves the values in a Java direct buffer that lives only as long as the
     * Java {@code NDArray} object, while autograd may keep the native tensor for the backward pass after that object
     * is unreachable; the garbage collector then frees memory the backward pass still reads, which made the same
     * training with the same seed give different numbers now and then (measured in the demo's scan: one window in five
     * differed between two runs; see {@link #scalar}). Every array the trainers feed to PyTorch (batches, initial
     * weights) goes through this method.
     */
    static NDArray tensor(NDManager manager, float[] data, ai.djl.ndarray.types.Shape shape) {
        try (NDArray javaBacked = manager.create(data, shape)) {
            return javaBacked.duplicate();
        }
    }

    /**
     * A 0-d tensor holding {@code v}, owned by PyTorch (see {@link #tensor}). Inside a {@code GradientCollector}
     * multiply, divide and take maxima with this, never with a Java number: DJL's {@code NDArray.mul(Number)} (and
     * {@code div}, {@code maximum}, ...) wraps the number in a tensor backed by a Java direct buffer and closes it
     * right away, but autograd keeps that tensor for the backward pass; once the garbage collector frees the buffer,
     * the backward pass reads freed memory. DjlMemoryTest repeats trainings while a thread calls {@code System.gc()}
     * every millisecond: before this the VAE and GAN repeats gave different samples and the flow's training failed.
     * Additions and subtractions of a number are safe (their backward does not read the operand).
     */
    static NDArray scalar(NDManager manager, float v) {
        return tensor(manager, new float[] {v}, new ai.djl.ndarray.types.Shape());
    }

    static NDManager newManager(Engine engine, Device device) {
        return engine.newBaseManager(device);
    }
}
