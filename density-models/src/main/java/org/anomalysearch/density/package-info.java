/**
 * Background density models conditioned on mjj, trained in the sidebands and sampled into the signal region.
 *
 * <p>A {@link org.anomalysearch.density.DensityTrainer} (configuration + seed) fits a
 * {@link org.anomalysearch.density.SidebandData} set and returns an immutable
 * {@link org.anomalysearch.density.DensityModel}. Three trainers exist:
 * {@link org.anomalysearch.density.VaeTrainer} (conditional VAE, loss {@code (1 - beta) MSE + beta KL}),
 * {@link org.anomalysearch.density.GanTrainer} (conditional Wasserstein GAN with gradient penalty) and
 * {@link org.anomalysearch.density.FlowTrainer} (conditional masked autoregressive flow, maximum likelihood; the
 * only one with an exact {@link org.anomalysearch.density.DensityModel#logDensity}). All train with DJL on the
 * PyTorch engine (CPU by default), and all sample in plain Java from the saved weights, so sampling is
 * deterministic, needs no native engine and round-trips exactly through {@code save}/{@code load}.
 *
 * <p>Preprocessing (CATHODE's recipe, fitted on the sidebands only): each feature and mjj are min-max scaled
 * to (0, 1) over the sideband range widened by a small margin, mapped through the logit and standardised.
 * The inverse (un-standardise, sigmoid, un-scale) maps every real number into the open widened box, so a
 * sample can never fall outside it and never becomes NaN; values outside the box at fit time cannot occur
 * (the box is fitted on them), and conditioning values outside the sideband mjj range at sampling time are
 * rejected with an {@link org.anomalysearch.core.InvalidInputException}.
 *
 * <p>{@link org.anomalysearch.density.SignalRegionSampler} draws the SR mjj values from a Gaussian KDE of the
 * SR data's mjj and oversamples (4x by default); {@link org.anomalysearch.density.QualityReport} compares
 * samples with a labelled true background (histograms, KS, Wasserstein-1, classifier two-sample AUC).
 *
 * <p>No DJL type appears in a public signature; each fit opens and closes its own NDManager.
 *
 * <p>GPU: training uses {@code Device.cpu()} unless {@code anomalysearch.density.device=gpu} is set and DJL
 * finds a CUDA device; to use one, replace the {@code pytorch-native-cpu} dependency by
 * {@code ai.djl.pytorch:pytorch-native-cu124} (classifier {@code linux-x86_64}, same {@code pytorch.version}).
 * Results on GPU are not bit-identical to CPU ones.
 */
package org.anomalysearch.density;
