package org.btcnode.net.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Test allocator that remembers every buffer it hands out, so a test can assert that all of them
 * were released (reference count 0) instead of hoping the leak detector's log is read.
 */
final class TrackingAllocator extends AbstractByteBufAllocator {
    /** Thread-safe: event loops allocate while a test thread reads. */
    private final Queue<ByteBuf> allocated = new ConcurrentLinkedQueue<>();

    TrackingAllocator() {
        this(false);
    }

    /** {@code preferDirect}: what {@code buffer()} and {@code ioBuffer()} hand out (real sockets want direct). */
    TrackingAllocator(boolean preferDirect) {
        super(preferDirect);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        ByteBuf buf = new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity);
        allocated.add(buf);
        return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** A buffer holding {@code bytes[from, to)}, counted like the others. */
    ByteBuf copyOf(byte[] bytes, int from, int to) {
        ByteBuf buf = heapBuffer(Math.max(1, to - from));
        buf.writeBytes(bytes, from, to - from);
        return buf;
    }

    int allocatedCount() {
        return allocated.size();
    }

    /** Buffers still referenced. */
    long unreleased() {
        return allocated.stream().filter(b -> b.refCnt() != 0).count();
    }
}
