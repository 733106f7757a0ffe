/**
 * The typed results of a run: {@link org.anomalysearch.results.RunResults} (results.json, schema version 2; every
 * field with its unit in docs/results-schema.md), {@link org.anomalysearch.results.BumpHunt.File} (bumphunt.json),
 * {@link org.anomalysearch.results.ScanWindow} (a scan window, also its checkpoint) and
 * {@link org.anomalysearch.results.Checkpoint}, written and read by the one codec
 * {@link org.anomalysearch.results.ResultsCodec} (Jackson). Module search writes them, notebooks-export reads them;
 * this module depends on analysis-core only (and Jackson, which Spark provides), so neither depends on the other for
 * them.
 */
package org.anomalysearch.results;
