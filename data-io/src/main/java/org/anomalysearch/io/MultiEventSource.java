package org.anomalysearch.io;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.core.event.EventBatch;
import org.anomalysearch.core.event.FeatureSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Several input files read one after the other as one source (see {@link EventSource#open(List, ReadOptions)}).
 * Every file is opened, and so validated, up front; all must have the same schema. Files that number their events by
 * row (every format but the event table) continue the numbering: the ids of the second file start after the first
 * file's rows, so ids stay unique. Event tables keep their own ids, which must then be unique across the files.
 */
final class MultiEventSource implements EventSource {

    private final List<EventSource> sources;
    private final boolean ownIds;
    private final EventChecks.LongHashSet seen;
    private int current;
    private long offset;
    private long rowsOfCurrent;

    private MultiEventSource(List<EventSource> sources) {
        this.sources = sources;
        this.ownIds = carriesIds(sources.get(0).format());
        this.seen = ownIds ? new EventChecks.LongHashSet() : null;
    }

    static EventSource open(List<Path> paths, ReadOptions options) {
        List<EventSource> opened = new ArrayList<>();
        try {
            for (Path p : paths) {
                EventSource s = EventSource.open(p, options);
                opened.add(s);
                EventSource first = opened.get(0);
                if (!s.schema().equals(first.schema())) {
                    throw new InvalidInputException(p.toString(), "columns", "has the columns " + s.schema().names()
                            + ", but " + first.path() + " has " + first.schema().names(),
                            "read together only files of one layout; convert each to the event table first");
                }
                if (carriesIds(s.format()) != carriesIds(first.format())) {
                    throw new InvalidInputException(p.toString(), null, "is a " + s.format().description() + " and "
                            + first.path() + " a " + first.format().description() + ": one numbers its events by "
                            + "row, the other carries its own event ids", "convert them to one event table first");
                }
            }
        } catch (RuntimeException e) {
            opened.forEach(EventSource::close);
            throw e;
        }
        return new MultiEventSource(opened);
    }

    private static boolean carriesIds(InputFormat f) {
        return f == InputFormat.EVENT_TABLE_CSV || f == InputFormat.EVENT_TABLE_PARQUET;
    }

    @Override
    public Path path() {
        return sources.get(Math.min(current, sources.size() - 1)).path();
    }

    @Override
    public InputFormat format() {
        return sources.get(0).format();
    }

    @Override
    public long rowCount() {
        long n = 0;
        for (EventSource s : sources) {
            n += s.rowCount();
        }
        return n;
    }

    @Override
    public FeatureSchema schema() {
        return sources.get(0).schema();
    }

    @Override
    public boolean hasNext() {
        while (current < sources.size()) {
            if (sources.get(current).hasNext()) {
                return true;
            }
            EventSource done = sources.get(current);
            // a particle file numbers its input rows, of which the selection keeps only some
            offset += done.format().particleLevel() ? done.rowCount() : rowsOfCurrent;
            rowsOfCurrent = 0;
            current++;
        }
        return false;
    }

    @Override
    public EventBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        EventSource s = sources.get(current);
        EventBatch b = s.next();
        rowsOfCurrent += b.size();
        long[] ids = b.ids().clone();
        for (int i = 0; i < ids.length; i++) {
            if (ownIds) {
                if (!seen.add(ids[i])) {
                    throw new InvalidInputException(s.path().toString(), "event_id", "event id " + ids[i] + " occurs "
                            + "in an earlier file as well", "event tables read together need distinct event ids: "
                            + "convert their sources together into one table ('convert A B -o T.parquet')");
                }
            } else {
                ids[i] += offset;
            }
        }
        return new EventBatch(b.schema(), ids, b.labels(), b.weights(), b.columns());
    }

    @Override
    public void close() {
        sources.forEach(EventSource::close);
    }
}
