package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Feature CSVs with the LHCO column names (issue 20) and several files read as one source. */
class FeatureCsvAndManyFilesTest {

    @TempDir
    Path tmp;

    private Path csv(String name, String... lines) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n");
        return p;
    }

    @Test
    void pandasFeatureCsvWithIndexMjjAndLabelIsRead() throws IOException {
        // pandas' df.to_csv: an unnamed index column first, columns in the DataFrame's order
        Path p = csv("features.csv", ",mjj,tau21_j2,mj1,dmj,tau21_j1,label",
                "0,3512.5,0.61,105.25,402.5,0.33,1",
                "1,3390.0,0.72,51.0,12.5,0.81,0");
        assertEquals(InputFormat.FEATURE_CSV, Formats.detect(p));
        try (EventSource s = EventSource.open(p)) {
            assertEquals(List.of("mjj", "mj1", "dmj", "tau21_j1", "tau21_j2"), s.schema().names());
            EventBatch b = s.readAll();
            assertArrayEquals(new long[] {0, 1}, b.ids());
            assertArrayEquals(new int[] {1, 0}, b.labels());
            assertArrayEquals(new double[] {3512.5, 3390.0}, b.column("mjj"));
            assertArrayEquals(new double[] {105.25, 51.0}, b.column("mj1"));
            assertArrayEquals(new double[] {402.5, 12.5}, b.column("dmj"));
            assertArrayEquals(new double[] {0.33, 0.81}, b.column("tau21_j1"));
            assertArrayEquals(new double[] {0.61, 0.72}, b.column("tau21_j2"));
            assertArrayEquals(new double[] {1, 1}, b.weights());
        }
    }

    @Test
    void featureCsvWithoutMjjOrLabelHasUnknownLabels() throws IOException {
        Path p = csv("plain.csv", "mj1,dmj,tau21_j1,tau21_j2", "100,20,0.5,0.6");
        try (EventSource s = EventSource.open(p)) {
            assertEquals(List.of("mj1", "dmj", "tau21_j1", "tau21_j2"), s.schema().names());
            EventBatch b = s.readAll();
            assertArrayEquals(new int[] {-1}, b.labels());
            assertArrayEquals(new double[] {20}, b.column("dmj"));
        }
    }

    @Test
    void featureCsvErrorsNameTheColumnAndNoDeveloperPath() throws IOException {
        Path extra = csv("extra.csv", "mj1,dmj,tau21_j1,tau21_j2,pt", "1,2,0.5,0.5,300");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(extra));
        assertTrue(e.getMessage().contains("extra.csv: header: unknown column(s) [pt]"), e.getMessage());
        Path negative = csv("neg.csv", "mj1,dmj,tau21_j1,tau21_j2", "-5,2,0.5,0.5");
        e = assertThrows(InvalidInputException.class, () -> {
            try (EventSource s = EventSource.open(negative)) {
                s.readAll();
            }
        });
        assertTrue(e.getMessage().contains("mj1"), e.getMessage());
        Path other = csv("other.csv", "a,b", "1,2");
        e = assertThrows(InvalidInputException.class, () -> EventSource.open(other));
        assertTrue(e.getMessage().contains("mj1,dmj,tau21_j1,tau21_j2 (feature CSV)"), e.getMessage());
        assertFalse(e.getMessage().contains("shared/"), "a hint must not name a developer path: " + e.getMessage());
    }

    @Test
    void rowNumberedFilesContinueTheirIdsAcrossFiles() throws IOException {
        Path a = csv("a.csv", "mj1,dmj,tau21_j1,tau21_j2,mjj", "1,2,0.5,0.5,3000", "2,2,0.5,0.5,3100");
        Path b = csv("b.csv", "mj1,dmj,tau21_j1,tau21_j2,mjj", "3,2,0.5,0.5,3200");
        try (EventSource s = EventSource.open(List.of(a, b), ReadOptions.DEFAULTS.withChunkSize(1))) {
            assertEquals(3, s.rowCount());
            EventBatch all = s.readAll();
            assertArrayEquals(new long[] {0, 1, 2}, all.ids());
            assertArrayEquals(new double[] {1, 2, 3}, all.column("mj1"));
        }
    }

    @Test
    void eventTablesKeepTheirIdsAndMustNotRepeatThem() throws IOException {
        Path a = csv("a.csv", "event_id,label,weight,mjj", "7,0,1,3000", "9,0,1,3100");
        Path b = csv("b.csv", "event_id,label,weight,mjj", "11,1,1,3200");
        try (EventSource s = EventSource.open(List.of(a, b))) {
            assertArrayEquals(new long[] {7, 9, 11}, s.readAll().ids());
        }
        Path c = csv("c.csv", "event_id,label,weight,mjj", "9,1,1,3200");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (EventSource s = EventSource.open(List.of(a, c))) {
                s.readAll();
            }
        });
        assertTrue(e.getMessage().contains("c.csv: event_id: event id 9 occurs in an earlier file"), e.getMessage());
    }

    @Test
    void filesWithDifferentColumnsAreRefusedByName() throws IOException {
        Path a = csv("a.csv", "mj1,dmj,tau21_j1,tau21_j2,mjj", "1,2,0.5,0.5,3000");
        Path b = csv("b.csv", "mj1,dmj,tau21_j1,tau21_j2", "3,2,0.5,0.5");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> EventSource.open(List.of(a, b)));
        assertTrue(e.getMessage().contains("b.csv: columns: has the columns [mj1, dmj, tau21_j1, tau21_j2], but "),
                e.getMessage());
    }
}
