package org.anomalysearch.export.plot;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** Something that draws itself into an area of a Graphics2D: a JFreeChart ({@code chart::draw}) or a grid. */
@FunctionalInterface
interface Figure {
    void draw(Graphics2D g, Rectangle2D area);
}
