package org.anomalysearch.io.npy;

import org.anomalysearch.core.InvalidInputException;
import org.anomalysearch.io.Formats;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0): dtype descriptor, memory order and
 * shape, and where the data starts. {@link #read} parses it without trusting it: the data size implied by
 * dtype and shape is checked against the file size.
 */
public record NpyHeader(int major, int minor, String descr, boolean fortranOrder, long[] shape, long dataOffset) {

    /** The only dtype read: little-endian IEEE float64. */
    public static final String FLOAT64_LE = "<f8";
    /** The longest header read, in bytes (numpy itself refuses headers over 10,000 bytes by default). */
    public static final int MAX_HEADER = 1 << 16;

    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** Number of elements (product of the shape); {@link ArithmeticException} if it does not fit a long. */
    public long elements() {
        long n = 1;
        for (long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** Bytes of one element for the dtype, or -1 if not a plain numeric dtype. */
    public int itemSize() {
        Matcher m = Pattern.compile("[<>|=]?[a-zA-Z](\\d+)").matcher(descr);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Reads and parses the header of {@code path}; a malformed header is an {@link InvalidInputException}. */
    public static NpyHeader read(Path path) {
        String src = path.toString();
        byte[] pre;
        long size;
        try (InputStream in = Files.newInputStream(path)) {
            size = Files.size(path);
            pre = in.readNBytes(12);
            if (pre.length < 10 || !Arrays.equals(Arrays.copyOf(pre, 6), Formats.NPY_MAGIC)) {
                throw new InvalidInputException(src, "header", "not an npy file: expected the magic "
                        + Formats.hex(Formats.NPY_MAGIC) + ", found " + Formats.hex(Arrays.copyOf(pre, Math.min(6, pre.length))),
                        "write it with numpy.save");
            }
            int major = pre[6] & 0xff;
            int minor = pre[7] & 0xff;
            ByteBuffer bb = ByteBuffer.wrap(pre).order(ByteOrder.LITTLE_ENDIAN);
            long hlen;
            int prefix;
            if (major == 1) {
                hlen = bb.getShort(8) & 0xffff;
                prefix = 10;
            } else if (major == 2 || major == 3) {
                if (pre.length < 12) {
                    throw truncated(src, 12, size);
                }
                hlen = bb.getInt(8) & 0xffffffffL;
                prefix = 12;
            } else {
                throw new InvalidInputException(src, "header", "unsupported npy format version " + major + "." + minor
                        + "; expected 1.0, 2.0 or 3.0", "write it with numpy.save");
            }
            if (hlen > MAX_HEADER) {
                throw new InvalidInputException(src, "header", "header length " + hlen + " bytes exceeds "
                        + MAX_HEADER + " (numpy writes a few hundred)", "the file is corrupt; write it with numpy.save");
            }
            if (prefix + hlen > size) {
                throw truncated(src, prefix + hlen, size);
            }
            byte[] rest = Arrays.copyOfRange(pre, prefix, pre.length);
            byte[] more = in.readNBytes((int) (hlen - rest.length));
            byte[] h = new byte[(int) hlen];
            System.arraycopy(rest, 0, h, 0, Math.min(rest.length, h.length));
            System.arraycopy(more, 0, h, rest.length, more.length);
            String text = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            return parse(src, major, minor, text, prefix + hlen, size);
        } catch (IOException e) {
            throw new InvalidInputException(src, null, "cannot read the file: " + e.getMessage(), "", e);
        }
    }

    private static InvalidInputException truncated(String src, long needed, long size) {
        return new InvalidInputException(src, "header", "file is truncated: the header needs " + needed
                + " bytes but the file has " + size, "the file was not written completely; regenerate it");
    }

    static NpyHeader parse(String src, int major, int minor, String text, long dataOffset, long fileSize) {
        Matcher d = DESCR.matcher(text);
        Matcher f = FORTRAN.matcher(text);
        Matcher s = SHAPE.matcher(text);
        if (!text.trim().startsWith("{") || !d.find() || !f.find() || !s.find()) {
            throw new InvalidInputException(src, "header", "malformed npy header: expected a dict with 'descr', "
                    + "'fortran_order' and 'shape', found " + text.trim(), "write it with numpy.save");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            String t = part.trim().replace("L", "");
            if (!t.isEmpty()) {
                try {
                    dims.add(Long.parseLong(t));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(src, "header shape", "not a shape: (" + s.group(1) + ")", "");
                }
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        for (long dim : shape) {
            if (dim < 0) {
                throw new InvalidInputException(src, "header shape", "negative dimension in shape (" + s.group(1) + ")",
                        "the file is corrupt; write it with numpy.save");
            }
        }
        NpyHeader h = new NpyHeader(major, minor, d.group(1), f.group(1).equals("True"), shape, dataOffset);
        int item = h.itemSize();
        if (item > 0) {
            long need;
            try {
                need = Math.addExact(dataOffset, Math.multiplyExact(h.elements(), item));
            } catch (ArithmeticException e) {
                throw new InvalidInputException(src, "data", "shape " + h.shapeText() + " of " + h.descr
                        + " declares more than 2^63 bytes of data; the file has " + fileSize,
                        "the header is corrupt; regenerate the file with numpy.save");
            }
            if (fileSize < need) {
                throw new InvalidInputException(src, "data", "file is truncated: shape " + h.shapeText() + " of "
                        + h.descr + " needs " + need + " bytes but the file has " + fileSize,
                        "the file was not written or copied completely; regenerate it");
            }
            if (fileSize > need) {
                throw new InvalidInputException(src, "data", "file has " + (fileSize - need)
                        + " bytes after the data of shape " + h.shapeText() + " (" + need + " bytes expected)",
                        "the file is corrupt; regenerate it with numpy.save");
            }
        }
        return h;
    }

    /** The shape as Python prints it, e.g. {@code (60000, 6)}. */
    public String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(")").toString();
    }
}
