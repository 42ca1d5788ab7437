package org.btcnode.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * {@code -shrinkdebugfile}: Core's {@code BCLog::Logger::ShrinkDebugFile} ({@code logging.cpp}). When
 * debug.log has grown more than 10% past {@link #RECENT_DEBUG_HISTORY_SIZE}, only its last 10 MB are
 * kept. Runs once at start-up, on the main thread, before the log file is opened.
 *
 * <p>A deliberate difference from Core: Core keeps exactly the last 10,000,000 bytes, so the file
 * usually starts in the middle of a line (or of a UTF-8 character); we drop that partial first line
 * and start at the next line boundary.
 */
final class DebugLogFile {
    /** logging.cpp: amount of debug.log to save at the end when shrinking (it must fit in memory). */
    static final int RECENT_DEBUG_HISTORY_SIZE = 10 * 1_000_000;
    /** logging.cpp: shrink only when the file is more than 10% bigger than what is kept. */
    static final long SHRINK_THRESHOLD_BYTES = 11L * (RECENT_DEBUG_HISTORY_SIZE / 10);

    private DebugLogFile() {
    }

    /**
     * Shrinks {@code file} if it is larger than {@link #SHRINK_THRESHOLD_BYTES}; returns the size it
     * had when it was shrunk, empty when it was left alone (small, missing, or not a regular file).
     */
    static OptionalLong shrink(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        ByteBuffer tail;
        long size;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            size = in.size();
            if (size <= SHRINK_THRESHOLD_BYTES) {
                return OptionalLong.empty();
            }
            // the kept bytes and the one before them: a '\n' there means the tail starts a line
            tail = ByteBuffer.allocate(RECENT_DEBUG_HISTORY_SIZE + 1);
            long position = size - tail.capacity();
            while (tail.hasRemaining()) {
                int n = in.read(tail, position + tail.position());
                if (n < 0) {
                    break;                                   // the file shrank under us: keep what we read
                }
            }
        }
        tail.flip();
        tail.position(firstLineStart(tail));
        // rewritten in place, as Core's fopen(..., "w"): the same inode, owner and permissions
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (tail.hasRemaining()) {
                out.write(tail);
            }
        }
        return OptionalLong.of(size);
    }

    /** The index after the first '\n'; 1 (all the kept bytes) if there is no line break at all. */
    private static int firstLineStart(ByteBuffer tail) {
        for (int i = tail.position(); i < tail.limit(); i++) {
            if (tail.get(i) == '\n') {
                return i + 1;
            }
        }
        return Math.min(1, tail.limit());
    }
}
