package org.btcnode.net.addrman;

import java.time.Instant;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.connman.NetGroup;

/**
 * One address in the book with Core's {@code AddrInfo} statistics (addrman_impl.h) and its keyed
 * bucket hashes. Times are seconds since the epoch, as Core keeps them. Mutable: owned by one
 * {@link AddrMan}, node-logic thread only.
 */
final class AddrInfo {
    final long id;
    final NetAddress address;
    final int port;
    /** Who told us about it ({@code source}); its group picks the new bucket. */
    final NetAddress source;
    /** Last seen, as gossiped ({@code nTime}). */
    long time;
    long services;
    long lastTry;
    long lastCountAttempt;
    long lastSuccess;
    int attempts;
    /** New-table slots holding this entry ({@code nRefCount}); 0 when in tried. */
    int refCount;
    boolean inTried;
    /** Index in {@code vRandom} ({@code nRandomPos}). */
    int randomPos = -1;
    /** The network group of {@link #source}, computed on first use. */
    private Bytes sourceGroup;

    AddrInfo(long id, NetAddress address, int port, NetAddress source, long time, long services) {
        this.id = id;
        this.address = address;
        this.port = port;
        this.source = source;
        this.time = time;
        this.services = services;
    }

    static AddrInfo fromStored(StoredAddress s) {
        Address a = s.address();
        AddrInfo info = new AddrInfo(s.id(), a.address(), a.port(), s.source(), a.time().getEpochSecond(),
                a.services().bits());
        info.lastTry = s.lastTry().getEpochSecond();
        info.lastCountAttempt = s.lastCountAttempt().getEpochSecond();
        info.lastSuccess = s.lastSuccess().getEpochSecond();
        info.attempts = s.attempts();
        info.inTried = s.inTried();
        return info;
    }

    StoredAddress toStored() {
        return new StoredAddress(id, toAddress(), source, Instant.ofEpochSecond(lastTry),
                Instant.ofEpochSecond(lastCountAttempt), Instant.ofEpochSecond(lastSuccess), attempts, inTried);
    }

    Address toAddress() {
        return new Address(Instant.ofEpochSecond(time), new ServiceFlags(services), address, port);
    }

    /** The network group of the source ({@code NetGroupManager::GetGroup(source)}), cached. */
    Bytes sourceGroup() {
        if (sourceGroup == null) {
            sourceGroup = NetGroup.group(source);
        }
        return sourceGroup;
    }

    Service service() {
        return new Service(address, port);
    }

    /**
     * {@code CService::GetKey}: the address bytes (the 16-byte legacy form for IPv4 and IPv6,
     * the raw BIP 155 bytes for the others, as {@code GetAddrBytes}) then the port big-endian.
     */
    static byte[] serviceKey(NetAddress address, int port) {
        byte[] addr = address.network().isAddrV1Compatible() ? address.toV1() : address.bytes().toByteArray();
        byte[] key = new byte[addr.length + 2];
        System.arraycopy(addr, 0, key, 0, addr.length);
        key[addr.length] = (byte) (port >>> 8);
        key[addr.length + 1] = (byte) port;
        return key;
    }

    /** addrman.cpp {@code AddrInfo::GetTriedBucket}: 8 buckets per address group, chosen by address and port. */
    static int triedBucket(byte[] key, NetAddress address, int port) {
        return triedBucket(new HashWriter(), key, address, port);
    }

    static int triedBucket(HashWriter h, byte[] key, NetAddress address, int port) {
        long hash1 = h.reset().uint256(key).vector(serviceKey(address, port)).cheapHash();
        long hash2 = h.reset().uint256(key).vector(NetGroup.group(address))
                .uint64(Long.remainderUnsigned(hash1, AddrMan.ADDRMAN_TRIED_BUCKETS_PER_GROUP)).cheapHash();
        return (int) Long.remainderUnsigned(hash2, AddrMan.ADDRMAN_TRIED_BUCKET_COUNT);
    }

    /**
     * addrman.cpp {@code AddrInfo::GetNewBucket}: 64 buckets per source group, chosen by the
     * address group; the port plays no part.
     */
    static int newBucket(byte[] key, NetAddress address, NetAddress source) {
        return newBucket(new HashWriter(), key, address, source);
    }

    static int newBucket(HashWriter h, byte[] key, NetAddress address, NetAddress source) {
        byte[] sourceGroup = NetGroup.group(source).toByteArray();
        long hash1 = h.reset().uint256(key).vector(NetGroup.group(address)).vector(sourceGroup).cheapHash();
        long hash2 = h.reset().uint256(key).vector(sourceGroup)
                .uint64(Long.remainderUnsigned(hash1, AddrMan.ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP)).cheapHash();
        return (int) Long.remainderUnsigned(hash2, AddrMan.ADDRMAN_NEW_BUCKET_COUNT);
    }

    /** addrman.cpp {@code AddrInfo::GetBucketPosition}: 'N' for new, 'K' for tried, the bucket as int32. */
    static int bucketPosition(HashWriter h, byte[] key, boolean fNew, int bucket, NetAddress address, int port) {
        long hash1 = h.reset().uint256(key).uint8(fNew ? 'N' : 'K').int32(bucket)
                .vector(serviceKey(address, port)).cheapHash();
        return (int) Long.remainderUnsigned(hash1, AddrMan.ADDRMAN_BUCKET_SIZE);
    }

    int triedBucket(HashWriter h, byte[] key) {
        return triedBucket(h, key, address, port);
    }

    int newBucket(HashWriter h, byte[] key, NetAddress src) {
        return newBucket(h, key, address, src);
    }

    int newBucket(HashWriter h, byte[] key) {
        return newBucket(h, key, address, source);
    }

    int bucketPosition(HashWriter h, byte[] key, boolean fNew, int bucket) {
        return bucketPosition(h, key, fNew, bucket, address, port);
    }

    /**
     * addrman.cpp {@code AddrInfo::IsTerrible}: not worth keeping or sharing. Never for an
     * address tried in the last minute; otherwise a time in the future, one older than
     * ADDRMAN_HORIZON, ADDRMAN_RETRIES failures without a success, or ADDRMAN_MAX_FAILURES
     * failures with no success for ADDRMAN_MIN_FAIL.
     */
    boolean isTerrible(long now) {
        if (now - lastTry <= 60) {                                   // never remove things tried in the last minute
            return false;
        }
        if (time > now + 10 * 60) {                                  // came in a flying DeLorean
            return true;
        }
        if (now - time > AddrMan.ADDRMAN_HORIZON.toSeconds()) {      // not seen in recent history
            return true;
        }
        if (lastSuccess == 0 && attempts >= AddrMan.ADDRMAN_RETRIES) { // tried N times and never a success
            return true;
        }
        return now - lastSuccess > AddrMan.ADDRMAN_MIN_FAIL.toSeconds()
                && attempts >= AddrMan.ADDRMAN_MAX_FAILURES;          // N successive failures in the last week
    }

    /**
     * addrman.cpp {@code AddrInfo::GetChance}: 1 % if tried in the last 10 minutes, times
     * 0.66 per failed attempt (at most 8).
     */
    double chance(long now) {
        double chance = 1.0;
        if (now - lastTry < 10 * 60) {
            chance *= 0.01;
        }
        return chance * Math.pow(0.66, Math.min(attempts, 8));
    }

    /** netaddress.h {@code GetNetClass}, as GetAddr's network filter compares it: 1 IPv4 (incl. embedded), 2 IPv6, … */
    int netClass() {
        return NetGroup.group(address).getUnsigned(0);
    }

    /** An address and port, the key of {@code mapAddr} ({@code CService}). Immutable. */
    record Service(NetAddress address, int port) { }
}
