package org.anomalysearch.results;

/**
 * A finished stage's marker ({@code checkpoints/<stage>.done} of a run directory): the stage, the hash of every input
 * its output depends on, and its typed result, read back exactly (doubles are written with the shortest text that
 * reads back to the same value).
 *
 * @param stage  the stage's name
 * @param inputs the inputs hash
 * @param value  the stage's result (null when its outputs are files of the run directory)
 */
public record Checkpoint<T>(String stage, String inputs, T value) {
}
