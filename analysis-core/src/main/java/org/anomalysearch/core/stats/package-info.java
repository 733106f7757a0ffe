/** Small statistics utilities: two-sample distances ({@link org.anomalysearch.core.stats.TwoSample}). */
package org.anomalysearch.core.stats;
