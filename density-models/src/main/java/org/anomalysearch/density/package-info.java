/**
 * Placeholder for the density-models module: its issue has not landed yet. The module builds so that the reactor
 * layout is fixed from the start.
 */
package org.anomalysearch.density;
