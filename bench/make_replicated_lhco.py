#!/usr/bin/env python3
"""Write a large LHCO particle-level HDF5 file by replicating the rows of a small one.

Benchmark input for `bench/convert_memory.sh`: the output has the layout pandas writes with
`DataFrame.to_hdf(path, key="df", format="fixed")` (PyTables underneath), the same as
`events_anomalydetection_v2.h5`:

    /df/axis0          int64 (C,)     column names 0..C-1
    /df/axis1          int64 (N,)     row index 0..N-1
    /df/block0_items   int64 (C,)     same as axis0
    /df/block0_values  float64 (N, C) 700 x (pT, eta, phi) zero-padded, then the label

Every attribute (file, group and datasets: CLASS, VERSION, TITLE, pandas_type, pandas_version, encoding,
errors, ndim, nblocks, *_variety, kind, name, transposed, FLAVOR, ...) is copied from the source file with
its exact HDF5 type (string size, padding, character set) and dataspace (scalar or null), and each dataset is
created with the source's creation property list (contiguous layout, no chunking or compression, same fill
value), so the result differs from the source only in its number of rows.

Row i of the output is row (i mod n_source) of the source. The output is written in slices of at most one
copy of the source rows, so memory stays at a few tens of MB whatever N is.

Needs h5py and numpy (Debian: apt-get install python3-h5py python3-numpy).

    bench/make_replicated_lhco.py OUT.h5 [--events N] [--source SAMPLE.h5]
"""
import argparse
import os
import sys
import time

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SOURCE = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "lhco_format",
                                               "lhco_format_sample.h5"))
DATASETS = ("axis0", "axis1", "block0_items", "block0_values")


def copy_attrs(src, dst):
    """Copies every attribute of src to dst with the same HDF5 datatype and dataspace."""
    for name in src.attrs:
        bname = name.encode()
        sa = h5py.h5a.open(src.id, bname)
        space = sa.get_space()
        ftype = sa.get_type()
        da = h5py.h5a.create(dst.id, bname, ftype, space)
        if space.get_simple_extent_type() != h5py.h5s.NULL:
            # Raw copy in the file's own type: no string conversion (h5py would drop the last byte of a
            # null-terminated PyTables string such as 'GROUP' -> 'GROU').
            buf = np.empty(space.shape, dtype=sa.dtype)
            assert buf.itemsize == ftype.get_size(), (name, buf.dtype, ftype.get_size())
            sa.read(buf, mtype=ftype)
            da.write(buf, mtype=ftype)


def create_like(src_ds, dst_group, name, shape):
    """Creates dst_group/name with src_ds's datatype and creation properties and the given shape."""
    space = h5py.h5s.create_simple(shape, shape)
    dcpl = src_ds.id.get_create_plist()
    if dcpl.get_layout() != h5py.h5d.CONTIGUOUS:
        sys.exit(f"{src_ds.name}: expected a contiguous dataset (pandas 'fixed'), found layout {dcpl.get_layout()}")
    dsid = h5py.h5d.create(dst_group.id, name.encode(), src_ds.id.get_type(), space, dcpl=dcpl)
    ds = h5py.Dataset(dsid)
    copy_attrs(src_ds, ds)
    return ds


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", help="HDF5 file to write (overwritten)")
    ap.add_argument("--events", "-n", type=int, default=1_100_000, help="number of events (default 1,100,000)")
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="pandas-'fixed' particle-level file to replicate "
                                                            "(default: ../shared/data/lhco_format/lhco_format_sample.h5)")
    args = ap.parse_args()
    n = args.events
    if n < 1:
        sys.exit(f"--events must be >= 1, got {n}")
    if not os.path.exists(args.source):
        sys.exit(f"source file not found: {args.source}")

    t0 = time.time()
    tmp = args.output + ".partial"
    with h5py.File(args.source, "r") as src, h5py.File(tmp, "w", libver="earliest") as out:
        sg = src["df"]
        missing = [d for d in DATASETS if d not in sg]
        if missing or "block1_values" in sg:
            sys.exit(f"{args.source}: expected exactly the pandas 'fixed' datasets {DATASETS} under /df")
        sv = sg["block0_values"]
        rows, cols = sv.shape
        if sv.dtype != np.float64:
            sys.exit(f"{args.source}: expected float64 block0_values, found {sv.dtype}")
        copy_attrs(src, out)
        g = out.create_group("df")
        copy_attrs(sg, g)
        for name in ("axis0", "block0_items"):       # column names: copied unchanged
            d = create_like(sg[name], g, name, sg[name].shape)
            d[...] = sg[name][...]
        axis1 = create_like(sg["axis1"], g, "axis1", (n,))
        values = create_like(sv, g, "block0_values", (n, cols))

        block = sv[...]                            # one copy of the source rows (1300 x 2101 x 8 B = 22 MB)
        step = 1 << 16
        for start in range(0, n, step):            # row index 0..n-1, 64k at a time
            stop = min(n, start + step)
            axis1[start:stop] = np.arange(start, stop, dtype=axis1.dtype)
        done = 0
        last = time.time()
        while done < n:
            k = min(rows, n - done)
            values[done:done + k, :] = block[:k]
            done += k
            if time.time() - last > 10:
                last = time.time()
                print(f"  {done:,}/{n:,} rows ({done / n:.0%}, {done * cols * 8 / (last - t0) / 1e6:.0f} MB/s)",
                      file=sys.stderr, flush=True)
    os.replace(tmp, args.output)
    size = os.path.getsize(args.output)
    print(f"wrote {args.output}: {n:,} events x {cols} columns ({size / 1e9:.2f} GB) "
          f"from {rows} rows of {args.source} in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
