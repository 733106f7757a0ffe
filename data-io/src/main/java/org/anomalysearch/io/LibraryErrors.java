package org.anomalysearch.io;

/**
 * What a file library's exception says about a damaged file, in words for the user. A library (jHDF, Parquet-MR)
 * that meets a corrupt structure often fails deep inside with a Java runtime exception whose text describes the
 * library, not the file ({@code class [D cannot be cast to class [F}, {@code newLimit > capacity}); those become
 * "inconsistent internal structure". Messages the library wrote for a reader are kept.
 */
public final class LibraryErrors {

    private LibraryErrors() {
    }

    /** The innermost useful message of {@code e}, or a plain description of an internal failure. */
    public static String describe(Throwable e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        if (internal(t)) {
            return "its internal structure is inconsistent (the library reading it failed with "
                    + t.getClass().getSimpleName() + ")";
        }
        return msg == null ? t.getClass().getSimpleName()
                : msg.replaceAll("org\\.apache\\.parquet\\.io\\.LocalInputFile@[0-9a-f]+ is", "it is")
                        .replaceAll("\\s*\\n\\s*", " ").trim();
    }

    private static boolean internal(Throwable t) {
        return t instanceof ClassCastException || t instanceof IndexOutOfBoundsException
                || t instanceof NegativeArraySizeException || t instanceof java.nio.BufferUnderflowException
                || t instanceof java.nio.BufferOverflowException || t instanceof ArithmeticException
                || t instanceof NullPointerException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof UnsupportedOperationException
                || t instanceof OutOfMemoryError;
    }
}
