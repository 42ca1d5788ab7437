package org.btcnode.net.addrman;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.store.AddressBookStore.Changes;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.btcnode.core.store.AddressSource;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.addrman.AddrInfo.Service;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.Network;
import org.slf4j.Logger;

/**
 * The address book (Core's {@code AddrMan}, addrman.cpp): a "new" table of addresses heard about
 * and a "tried" table of addresses we connected to, each a fixed grid of buckets whose bucket and
 * position come from keyed hashes of the address, its group and its source's group, so that
 * no one operator or source can fill it. Node-logic thread only; time and randomness are injected.
 *
 * <p>Every mutation is recorded as an {@link AddressBookStore.Changes}; {@link #flush()} writes
 * them as one batch. Loading a {@link Snapshot} rebuilds exactly the same tables.
 *
 * <p>Use from node logic (PeerLogic / ConnectionManager):
 * <ul>
 * <li>addr/addrv2 received: {@link #add(List, NetAddress, Duration, Instant)} with the peer's
 *     address as source and a 2-hour penalty (net_processing.cpp), then {@link #flush()} at the
 *     end of the task;</li>
 * <li>getaddr received: {@link #getAddr(int, int, Optional, boolean, Instant)} with
 *     {@link #MAX_ADDR_TO_SEND}, {@link #MAX_PCT_ADDR_TO_SEND}, no network filter, filtered;</li>
 * <li>outbound: the {@link AddressSource} methods; feelers for test-before-evict:
 *     {@link #resolveCollisions(Instant)} then {@link #selectTriedCollision()} before a feeler
 *     is chosen with {@code select(true)}, as {@code CConnman::ThreadOpenConnections} does;</li>
 * <li>version received from an outbound peer: {@link #setServices}.</li>
 * </ul>
 */
public final class AddrMan implements AddressSource {
    private static final Logger log = LogCategory.ADDRMAN.logger();

    /** addrman_impl.h: log2 and count of tried buckets. */
    public static final int ADDRMAN_TRIED_BUCKET_COUNT_LOG2 = 8;
    public static final int ADDRMAN_TRIED_BUCKET_COUNT = 1 << ADDRMAN_TRIED_BUCKET_COUNT_LOG2;
    /** addrman_impl.h: log2 and count of new buckets. */
    public static final int ADDRMAN_NEW_BUCKET_COUNT_LOG2 = 10;
    public static final int ADDRMAN_NEW_BUCKET_COUNT = 1 << ADDRMAN_NEW_BUCKET_COUNT_LOG2;
    /** addrman_impl.h: log2 and number of entries in one bucket. */
    public static final int ADDRMAN_BUCKET_SIZE_LOG2 = 6;
    public static final int ADDRMAN_BUCKET_SIZE = 1 << ADDRMAN_BUCKET_SIZE_LOG2;
    /** addrman.cpp: over how many tried buckets the addresses of one group are spread. */
    public static final int ADDRMAN_TRIED_BUCKETS_PER_GROUP = 8;
    /** addrman.cpp: over how many new buckets the addresses from one source group are spread. */
    public static final int ADDRMAN_NEW_BUCKETS_PER_SOURCE_GROUP = 64;
    /** addrman.cpp: how many new-table slots one address may occupy. */
    public static final int ADDRMAN_NEW_BUCKETS_PER_ADDRESS = 8;
    /** addrman.cpp: how old an address may be. */
    public static final Duration ADDRMAN_HORIZON = Duration.ofDays(30);
    /** addrman.cpp: failed attempts after which a never-connected address is given up. */
    public static final int ADDRMAN_RETRIES = 3;
    /** addrman.cpp: successive failures allowed ... */
    public static final int ADDRMAN_MAX_FAILURES = 10;
    /** addrman.cpp: ... in at least this long. */
    public static final Duration ADDRMAN_MIN_FAIL = Duration.ofDays(7);
    /** addrman.cpp: a tried entry that succeeded this recently is not evicted. */
    public static final Duration ADDRMAN_REPLACEMENT = Duration.ofHours(4);
    /** addrman.cpp: the most tried collisions kept for test-before-evict. */
    public static final int ADDRMAN_SET_TRIED_COLLISION_SIZE = 10;
    /** addrman.cpp: how long a tried collision waits for its test. */
    public static final Duration ADDRMAN_TEST_WINDOW = Duration.ofMinutes(40);
    /** net.h: the most addresses in one addr reply. */
    public static final int MAX_ADDR_TO_SEND = 1000;
    /** net.h: the largest share of the book in one getaddr reply, in percent. */
    public static final int MAX_PCT_ADDR_TO_SEND = 23;
    /** addrman.cpp Connected_: how often a connected peer's time is refreshed. */
    static final Duration CONNECTED_UPDATE_INTERVAL = Duration.ofMinutes(20);

    private static final long EMPTY = -1;

    private final AddressBookStore store;
    private final RandomGenerator random;
    private final InstantSource clock;
    /** The secret bucketing key ({@code nKey}). */
    private final byte[] key;
    /** Reused for every bucket hash (node-logic thread only). */
    private final HashWriter hasher = new HashWriter();
    private final Map<Long, AddrInfo> mapInfo = new HashMap<>();
    private final Map<Service, Long> mapAddr = new HashMap<>();
    private final List<Long> vRandom = new ArrayList<>();
    private final long[][] vvNew = new long[ADDRMAN_NEW_BUCKET_COUNT][ADDRMAN_BUCKET_SIZE];
    private final long[][] vvTried = new long[ADDRMAN_TRIED_BUCKET_COUNT][ADDRMAN_BUCKET_SIZE];
    private int nNew;
    private int nTried;
    private long nIdCount;
    /** Entries whose move to tried waits for a feeler to test the one they would evict. */
    private final TreeSet<Long> triedCollisions = new TreeSet<>();
    /** Last time Good was called ({@code m_last_good}), seconds; 1 at start as in Core. */
    private long lastGood = 1;
    private final Changes changes = new Changes();
    private final Set<Long> dirty = new LinkedHashSet<>();
    /** New and tried counts per network ({@code m_network_counts}), for Select by network. */
    private final Map<Network, int[]> networkCounts = new EnumMap<>(Network.class);
    /** Entries created since the last flush: deleting one of them needs no delete record. */
    private final Set<Long> unstored = new HashSet<>();
    /**
     * New-table entries per network group of their source (our addition, for the health monitor's
     * sybil check): kept with the network counts, so reading it costs no walk over the table.
     */
    private final Map<Bytes, Integer> newBySourceGroup = new HashMap<>();

    private AddrMan(AddressBookStore store, RandomGenerator random, InstantSource clock, byte[] key) {
        this.store = store;
        this.random = random;
        this.clock = clock;
        this.key = key;
        for (long[] bucket : vvNew) {
            Arrays.fill(bucket, EMPTY);
        }
        for (long[] bucket : vvTried) {
            Arrays.fill(bucket, EMPTY);
        }
    }

    /**
     * The book as stored: the same entries in the same buckets and positions. A new store gets
     * a fresh 32-byte key from {@code random}, written at the first {@link #flush()}.
     *
     * @param clock read only by {@link #select(boolean)}, the {@link AddressSource} form that
     *              carries no time; every other method takes {@code now}
     * @throws StoreException CORRUPT when the stored tables are inconsistent
     */
    public static AddrMan load(AddressBookStore store, RandomGenerator random, InstantSource clock) {
        Snapshot snapshot = store.load();
        if (snapshot.key().isEmpty()) {
            if (!snapshot.entries().isEmpty() || !snapshot.slots().isEmpty()) {
                throw corrupt("it holds " + snapshot.entries().size() + " addresses but no bucketing key");
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            AddrMan addrMan = new AddrMan(store, random, clock, key);
            addrMan.changes.setKey(Bytes.of(key));
            return addrMan;
        }
        byte[] key = snapshot.key().get().toByteArray();
        if (key.length != 32 || Arrays.equals(key, new byte[32])) {
            throw corrupt("the bucketing key is not 32 non-zero bytes");
        }
        AddrMan addrMan = new AddrMan(store, random, clock, key);
        addrMan.restore(snapshot);
        log.debug("loaded {} addresses: {} new, {} tried", addrMan.size(), addrMan.nNew, addrMan.nTried);
        return addrMan;
    }

    private static StoreException corrupt(String detail) {
        return new StoreException(StoreException.Kind.CORRUPT, "The address book is corrupt: " + detail
                + ". Delete the address book (or move the database aside) to start with an empty one.");
    }

    /** Rebuilds the tables and checks them as Core's Unserialize and CheckAddrman do. */
    private void restore(Snapshot snapshot) {
        Set<Long> dropped = new HashSet<>();
        for (Map.Entry<Long, StoredAddress> e : snapshot.entries().entrySet()) {
            StoredAddress stored = e.getValue();
            if (e.getKey() != stored.id()) {
                throw corrupt("entry " + e.getKey() + " carries id " + stored.id());
            }
            if (stored.id() < 0) {
                throw corrupt("entry id " + stored.id() + " is negative");
            }
            AddrInfo info = AddrInfo.fromStored(stored);
            nIdCount = Math.max(nIdCount, info.id + 1);
            if (!NetGroup.isValid(info.address)) {
                // Core's Unserialize drops invalid addresses (validity rules may tighten between versions)
                dropped.add(info.id);
                changes.delete(info.id);
                continue;
            }
            if (mapAddr.putIfAbsent(info.service(), info.id) != null) {
                throw corrupt("entries " + mapAddr.get(info.service()) + " and " + info.id + " hold the same address");
            }
            mapInfo.put(info.id, info);
            info.randomPos = vRandom.size();
            vRandom.add(info.id);
        }
        Set<Long> placedInTried = new HashSet<>();
        for (Map.Entry<Slot, Long> e : snapshot.slots().entrySet()) {
            Slot slot = e.getKey();
            long id = e.getValue();
            String where = (slot.tried() ? "tried[" : "new[") + slot.bucket() + "][" + slot.position() + "]";
            int buckets = slot.tried() ? ADDRMAN_TRIED_BUCKET_COUNT : ADDRMAN_NEW_BUCKET_COUNT;
            if (slot.bucket() >= buckets || slot.position() >= ADDRMAN_BUCKET_SIZE) {
                throw corrupt("slot " + where + " is outside the table");
            }
            if (dropped.contains(id)) {
                changes.clearSlot(slot);
                continue;
            }
            AddrInfo info = mapInfo.get(id);
            if (info == null) {
                throw corrupt("slot " + where + " points to entry " + id + ", which does not exist");
            }
            if (slot.tried() != info.inTried) {
                throw corrupt("slot " + where + " holds entry " + id + ", which is " + (info.inTried ? "" : "not ")
                        + "in the tried table");
            }
            if (slot.tried()) {
                if (info.triedBucket(hasher, key) != slot.bucket()
                        || info.bucketPosition(hasher, key, false, slot.bucket()) != slot.position()) {
                    throw corrupt("entry " + id + " sits in " + where + ", not where its hash puts it");
                }
                if (!placedInTried.add(id)) {
                    throw corrupt("entry " + id + " is in the tried table twice");
                }
                vvTried[slot.bucket()][slot.position()] = id;
            } else {
                if (info.bucketPosition(hasher, key, true, slot.bucket()) != slot.position()) {
                    throw corrupt("entry " + id + " sits in " + where + ", not where its hash puts it");
                }
                if (++info.refCount > ADDRMAN_NEW_BUCKETS_PER_ADDRESS) {
                    throw corrupt("entry " + id + " is in more than " + ADDRMAN_NEW_BUCKETS_PER_ADDRESS + " new buckets");
                }
                vvNew[slot.bucket()][slot.position()] = id;
            }
        }
        if (!dropped.isEmpty()) {
            log.debug("addrman lost {} invalid addresses", dropped.size());
        }
        for (AddrInfo info : mapInfo.values()) {
            if (info.inTried) {
                if (!placedInTried.contains(info.id)) {
                    throw corrupt("entry " + info.id + " is marked tried but has no tried slot");
                }
                if (info.lastSuccess == 0) {
                    throw corrupt("entry " + info.id + " is in the tried table but never connected");
                }
                nTried++;
                countNetwork(info, 0, 1);
            } else {
                if (info.refCount == 0) {
                    throw corrupt("entry " + info.id + " is in neither table");
                }
                nNew++;
                countNetwork(info, 1, 0);
            }
        }
    }

    // ---- mutation helpers: every table or entry change is also recorded for the store

    /** Adjusts the per-network counts: {@code newDelta} to n_new, {@code triedDelta} to n_tried. */
    private void countNetwork(AddrInfo info, int newDelta, int triedDelta) {
        int[] counts = networkCounts.computeIfAbsent(NetGroup.network(info.address), n -> new int[2]);
        counts[0] += newDelta;
        counts[1] += triedDelta;
        if (newDelta != 0) {
            newBySourceGroup.merge(info.sourceGroup(), newDelta, (a, b) -> a + b == 0 ? null : a + b);
        }
    }

    private void touch(AddrInfo info) {
        dirty.add(info.id);
    }

    private void setNewSlot(int bucket, int position, long id) {
        vvNew[bucket][position] = id;
        changes.setSlot(new Slot(false, bucket, position), id);
    }

    private void clearNewSlot(int bucket, int position) {
        vvNew[bucket][position] = EMPTY;
        changes.clearSlot(new Slot(false, bucket, position));
    }

    private void setTriedSlot(int bucket, int position, long id) {
        vvTried[bucket][position] = id;
        changes.setSlot(new Slot(true, bucket, position), id);
    }

    private void clearTriedSlot(int bucket, int position) {
        vvTried[bucket][position] = EMPTY;
        changes.clearSlot(new Slot(true, bucket, position));
    }

    private AddrInfo find(NetAddress address, int port) {
        Long id = mapAddr.get(new Service(address, port));
        return id == null ? null : mapInfo.get(id);
    }

    private AddrInfo create(Address addr, NetAddress source) {
        long id = nIdCount++;
        AddrInfo info = new AddrInfo(id, addr.address(), addr.port(), source, addr.time().getEpochSecond(),
                addr.services().bits());
        mapInfo.put(id, info);
        mapAddr.put(info.service(), id);
        info.randomPos = vRandom.size();
        vRandom.add(id);
        touch(info);
        unstored.add(id);
        return info;
    }

    private void swapRandom(int pos1, int pos2) {
        if (pos1 == pos2) {
            return;
        }
        long id1 = vRandom.get(pos1);
        long id2 = vRandom.get(pos2);
        mapInfo.get(id1).randomPos = pos2;
        mapInfo.get(id2).randomPos = pos1;
        vRandom.set(pos1, id2);
        vRandom.set(pos2, id1);
    }

    private void delete(long id) {
        AddrInfo info = mapInfo.get(id);
        if (info.inTried || info.refCount != 0) {
            throw new IllegalStateException("deleting entry " + id + " still in a table");
        }
        swapRandom(info.randomPos, vRandom.size() - 1);
        vRandom.remove(vRandom.size() - 1);
        mapAddr.remove(info.service());
        mapInfo.remove(id);
        nNew--;
        countNetwork(info, -1, 0);
        dirty.add(id);
    }

    /** addrman.cpp ClearNew: empties a new slot, deleting its entry if that was its last reference. */
    private void clearNew(int bucket, int position) {
        long id = vvNew[bucket][position];
        if (id != EMPTY) {
            AddrInfo info = mapInfo.get(id);
            info.refCount--;
            clearNewSlot(bucket, position);
            if (info.refCount == 0) {
                delete(id);
            }
        }
    }

    /** addrman.cpp MakeTried: out of every new bucket, into its tried slot; an occupant goes back to new. */
    private void makeTried(AddrInfo info) {
        int start = info.newBucket(hasher, key);
        for (int n = 0; n < ADDRMAN_NEW_BUCKET_COUNT; n++) {
            int bucket = (start + n) % ADDRMAN_NEW_BUCKET_COUNT;
            int position = info.bucketPosition(hasher, key, true, bucket);
            if (vvNew[bucket][position] == info.id) {
                clearNewSlot(bucket, position);
                info.refCount--;
                if (info.refCount == 0) {
                    break;
                }
            }
        }
        nNew--;
        countNetwork(info, -1, 0);
        if (info.refCount != 0) {
            throw new IllegalStateException("entry " + info.id + " left in " + info.refCount + " new buckets");
        }
        int triedBucket = info.triedBucket(hasher, key);
        int triedPosition = info.bucketPosition(hasher, key, false, triedBucket);
        long evictId = vvTried[triedBucket][triedPosition];
        if (evictId != EMPTY) {
            AddrInfo old = mapInfo.get(evictId);
            old.inTried = false;
            clearTriedSlot(triedBucket, triedPosition);
            nTried--;
            countNetwork(old, 0, -1);
            int newBucket = old.newBucket(hasher, key);
            int newPosition = old.bucketPosition(hasher, key, true, newBucket);
            clearNew(newBucket, newPosition);
            old.refCount = 1;
            setNewSlot(newBucket, newPosition, old.id);
            nNew++;
            countNetwork(old, 1, 0);
            touch(old);
            log.debug("moved entry {} from tried[{}][{}] to new[{}][{}] to make space", old.id, triedBucket,
                    triedPosition, newBucket, newPosition);
        }
        setTriedSlot(triedBucket, triedPosition, info.id);
        nTried++;
        countNetwork(info, 0, 1);
        info.inTried = true;
        touch(info);
    }

    // ---- Core's public operations

    /**
     * Core's {@code AddrMan::Add}: learns addresses heard from {@code source}, whose announced
     * times are set back by {@code timePenalty} (none for a source announcing itself).
     * Unroutable addresses are ignored. Returns whether at least one address took a new slot.
     */
    public boolean add(List<Address> addresses, NetAddress source, Duration timePenalty, Instant now) {
        Objects.requireNonNull(source, "source");
        int added = 0;
        for (Address a : addresses) {
            added += addSingle(a, source, timePenalty.toSeconds(), now.getEpochSecond()) ? 1 : 0;
        }
        if (added > 0) {
            log.debug("added {} addresses (of {}): {} tried, {} new", added, addresses.size(), nTried, nNew);
        }
        return added > 0;
    }

    private boolean addSingle(Address addr, NetAddress source, long timePenalty, long now) {
        if (!NetGroup.isRoutable(addr.address())) {
            return false;
        }
        AddrInfo info = find(addr.address(), addr.port());
        if (addr.address().equals(source)) {
            timePenalty = 0;                 // no penalty for a source's self-announcement
        }
        long addrTime = addr.time().getEpochSecond();
        if (info != null) {
            // periodically update the time
            boolean currentlyOnline = now - addrTime < Duration.ofHours(24).toSeconds();
            long updateInterval = (currentlyOnline ? Duration.ofHours(1) : Duration.ofHours(24)).toSeconds();
            if (info.time < addrTime - updateInterval - timePenalty) {
                info.time = Math.max(0, addrTime - timePenalty);
                touch(info);
            }
            long services = info.services | addr.services().bits();
            if (services != info.services) {
                info.services = services;
                touch(info);
            }
            if (addrTime <= info.time) {
                return false;                // no new information
            }
            if (info.inTried) {
                return false;
            }
            if (info.refCount == ADDRMAN_NEW_BUCKETS_PER_ADDRESS) {
                return false;
            }
            // stochastic test: previous refCount == N: 2^N times harder to increase it
            int factor = 1 << info.refCount;
            if (factor > 1 && random.nextInt(factor) != 0) {
                return false;
            }
        } else {
            info = create(addr, source);
            info.time = Math.max(0, info.time - timePenalty);
            nNew++;
            countNetwork(info, 1, 0);
        }
        int bucket = info.newBucket(hasher, key, source);
        int position = info.bucketPosition(hasher, key, true, bucket);
        long occupant = vvNew[bucket][position];
        boolean insert = occupant == EMPTY;
        if (occupant != info.id) {
            if (!insert) {
                AddrInfo existing = mapInfo.get(occupant);
                if (existing.isTerrible(now) || (existing.refCount > 1 && info.refCount == 0)) {
                    insert = true;           // overwrite the existing new table entry
                }
            }
            if (insert) {
                clearNew(bucket, position);
                info.refCount++;
                setNewSlot(bucket, position, info.id);
                touch(info);
            } else if (info.refCount == 0) {
                delete(info.id);
            }
        }
        return insert;
    }

    /**
     * Core's {@code AddrMan::Good} (test-before-evict on): a connection to it succeeded. Moves it
     * to tried unless that would evict another entry; then it is queued as a tried collision for
     * {@link #resolveCollisions}. Returns whether it moved to tried.
     */
    public boolean markGood(NetAddress address, int port, Instant now) {
        return good(address, port, true, now.getEpochSecond());
    }

    private boolean good(NetAddress address, int port, boolean testBeforeEvict, long now) {
        lastGood = now;
        AddrInfo info = find(address, port);
        if (info == null) {
            return false;
        }
        info.lastSuccess = now;
        info.lastTry = now;
        info.attempts = 0;
        touch(info);
        // the time is not updated here, to avoid leaking information about currently-connected peers
        if (info.inTried || info.refCount <= 0) {
            return false;
        }
        int triedBucket = info.triedBucket(hasher, key);
        int triedPosition = info.bucketPosition(hasher, key, false, triedBucket);
        if (testBeforeEvict && vvTried[triedBucket][triedPosition] != EMPTY) {
            if (triedCollisions.size() < ADDRMAN_SET_TRIED_COLLISION_SIZE) {
                triedCollisions.add(info.id);
            }
            log.debug("collision with entry {} while moving entry {} to tried; collisions={}",
                    vvTried[triedBucket][triedPosition], info.id, triedCollisions.size());
            return false;
        }
        makeTried(info);
        return true;
    }

    /** {@link AddressSource} form of {@link #markGood}. */
    @Override
    public void good(NetAddress address, int port, Instant now) {
        markGood(address, port, now);
    }

    /**
     * Core's {@code AddrMan::Attempt}: we are dialling it. A failure counts only if
     * {@code countFailure} and no failure was counted for it since the last Good of any address.
     */
    @Override
    public void attempt(NetAddress address, int port, boolean countFailure, Instant now) {
        AddrInfo info = find(address, port);
        if (info == null) {
            return;
        }
        long t = now.getEpochSecond();
        info.lastTry = t;
        if (countFailure && info.lastCountAttempt < lastGood) {
            info.lastCountAttempt = t;
            info.attempts++;
        }
        touch(info);
    }

    /**
     * Core's {@code AddrMan::Connected}: a peer we were connected to has gone; its time moves to
     * {@code now} if it is over 20 minutes old.
     */
    @Override
    public void connected(NetAddress address, int port, Instant now) {
        AddrInfo info = find(address, port);
        long t = now.getEpochSecond();
        if (info != null && t - info.time > CONNECTED_UPDATE_INTERVAL.toSeconds()) {
            info.time = t;
            touch(info);
        }
    }

    /** Core's {@code AddrMan::SetServices}: the services a peer told us in its version replace ours. */
    public void setServices(NetAddress address, int port, ServiceFlags services) {
        AddrInfo info = find(address, port);
        if (info != null && info.services != services.bits()) {
            info.services = services.bits();
            touch(info);
        }
    }

    /** {@link AddressSource} form of {@link #select(boolean, Instant)}, at the injected clock's time. */
    @Override
    public Optional<Candidate> select(boolean newOnly) {
        return select(newOnly, clock.instant());
    }

    /**
     * Core's {@code AddrMan::Select}: tried or new with even odds when both have entries (new only
     * if {@code newOnly}); then random buckets until an entry passes its chance, which grows by
     * 1.2 each round. Empty when there is nothing to choose.
     */
    public Optional<Candidate> select(boolean newOnly, Instant now) {
        return select(newOnly, Set.of(), now);
    }

    /**
     * Core's {@code AddrMan::Select} with a network filter: as {@link #select(boolean, Instant)},
     * counting and returning only entries on one of {@code networks} (all when empty); the table
     * is chosen among those holding such entries.
     */
    public Optional<Candidate> select(boolean newOnly, Set<Network> networks, Instant now) {
        if (vRandom.isEmpty()) {
            return Optional.empty();
        }
        int newCount = nNew;
        int triedCount = nTried;
        if (!networks.isEmpty()) {
            newCount = 0;
            triedCount = 0;
            for (Network network : networks) {
                int[] counts = networkCounts.getOrDefault(network, new int[2]);
                newCount += counts[0];
                triedCount += counts[1];
            }
        }
        if ((newOnly && newCount == 0) || newCount + triedCount == 0) {
            return Optional.empty();
        }
        boolean searchTried;
        if (newOnly || triedCount == 0) {
            searchTried = false;
        } else if (newCount == 0) {
            searchTried = true;
        } else {
            searchTried = random.nextBoolean();
        }
        long[][] table = searchTried ? vvTried : vvNew;
        long t = now.getEpochSecond();
        double chanceFactor = 1.0;
        while (true) {
            int bucket = random.nextInt(table.length);
            int initial = random.nextInt(ADDRMAN_BUCKET_SIZE);
            long id = EMPTY;
            for (int i = 0; i < ADDRMAN_BUCKET_SIZE && id == EMPTY; i++) {
                long candidate = table[bucket][(initial + i) % ADDRMAN_BUCKET_SIZE];
                if (candidate != EMPTY && (networks.isEmpty()
                        || networks.contains(NetGroup.network(mapInfo.get(candidate).address)))) {
                    id = candidate;
                }
            }
            if (id == EMPTY) {
                continue;                    // nothing suitable in this bucket: start over with another
            }
            AddrInfo info = mapInfo.get(id);
            if (random.nextInt(1 << 30) < chanceFactor * info.chance(t) * (1 << 30)) {
                return Optional.of(new Candidate(info.toAddress(), Instant.ofEpochSecond(info.lastTry)));
            }
            chanceFactor *= 1.2;
        }
    }

    /**
     * Core's {@code AddrMan::GetAddr}: up to {@code maxAddresses} (0: no limit) and
     * {@code maxPct} percent (0: no limit) of the book, at random, optionally of one network
     * class only, and without terrible entries when {@code filtered}. For a getaddr reply:
     * {@code getAddr(MAX_ADDR_TO_SEND, MAX_PCT_ADDR_TO_SEND, Optional.empty(), true, now)}.
     */
    public List<Address> getAddr(int maxAddresses, int maxPct, Optional<Network> network, boolean filtered,
            Instant now) {
        int nodes = vRandom.size();
        if (maxPct != 0) {
            nodes = Math.min(maxPct, 100) * nodes / 100;
        }
        if (maxAddresses != 0) {
            nodes = Math.min(nodes, maxAddresses);
        }
        long t = now.getEpochSecond();
        int wantedClass = network.map(AddrMan::netClassOf).orElse(-1);
        List<Address> out = new ArrayList<>();
        for (int n = 0; n < vRandom.size() && out.size() < nodes; n++) {
            swapRandom(n, random.nextInt(vRandom.size() - n) + n);
            AddrInfo info = mapInfo.get(vRandom.get(n));
            if (wantedClass >= 0 && info.netClass() != wantedClass) {
                continue;
            }
            if (filtered && info.isTerrible(t)) {
                continue;
            }
            out.add(info.toAddress());
        }
        log.debug("GetAddr returned {} random addresses", out.size());
        return out;
    }

    private static int netClassOf(Network network) {
        return switch (network) {       // netaddress.h Network numbering, as GetGroup's first byte
            case IPV4 -> 1;
            case IPV6 -> 2;
            case ONION -> 3;
            case I2P -> 4;
            case CJDNS -> 5;
        };
    }

    /**
     * Core's {@code AddrMan::ResolveCollisions}: for each queued tried collision, moves the new
     * entry to tried if the old one failed its test (tried over a minute ago within
     * ADDRMAN_REPLACEMENT, no success since) or the test did not happen within
     * ADDRMAN_TEST_WINDOW; drops the collision if the old entry succeeded within
     * ADDRMAN_REPLACEMENT.
     */
    public void resolveCollisions(Instant now) {
        long t = now.getEpochSecond();
        long replacement = ADDRMAN_REPLACEMENT.toSeconds();
        for (Iterator<Long> it = triedCollisions.iterator(); it.hasNext(); ) {
            long idNew = it.next();
            boolean erase = false;
            AddrInfo infoNew = mapInfo.get(idNew);
            if (infoNew == null) {
                erase = true;
            } else {
                int triedBucket = infoNew.triedBucket(hasher, key);
                int triedPosition = infoNew.bucketPosition(hasher, key, false, triedBucket);
                long idOld = vvTried[triedBucket][triedPosition];
                if (idOld != EMPTY) {
                    AddrInfo infoOld = mapInfo.get(idOld);
                    if (t - infoOld.lastSuccess < replacement) {
                        erase = true;        // the old one connected recently: keep it
                    } else if (t - infoOld.lastTry < replacement) {
                        if (t - infoOld.lastTry > 60) {   // give it at least 60 seconds to connect
                            log.debug("replacing entry {} with {} in tried table", idOld, idNew);
                            good(infoNew.address, infoNew.port, false, t);
                            erase = true;
                        }
                    } else if (t - infoNew.lastSuccess > ADDRMAN_TEST_WINDOW.toSeconds()) {
                        log.debug("unable to test; replacing entry {} with {} in tried table anyway", idOld, idNew);
                        good(infoNew.address, infoNew.port, false, t);
                        erase = true;
                    }
                } else {                     // no longer a collision
                    good(infoNew.address, infoNew.port, false, t);
                    erase = true;
                }
            }
            if (erase) {
                it.remove();
            }
        }
    }

    /**
     * Core's {@code AddrMan::SelectTriedCollision}: the tried entry one queued collision would
     * evict, for a feeler to test; empty when none is queued.
     */
    public Optional<Candidate> selectTriedCollision() {
        if (triedCollisions.isEmpty()) {
            return Optional.empty();
        }
        int index = random.nextInt(triedCollisions.size());
        Iterator<Long> it = triedCollisions.iterator();
        long idNew = it.next();
        for (int i = 0; i < index; i++) {
            idNew = it.next();
        }
        AddrInfo infoNew = mapInfo.get(idNew);
        if (infoNew == null) {
            it.remove();
            return Optional.empty();
        }
        int triedBucket = infoNew.triedBucket(hasher, key);
        long idOld = vvTried[triedBucket][infoNew.bucketPosition(hasher, key, false, triedBucket)];
        if (idOld == EMPTY) {
            return Optional.empty();         // resolved at the next ResolveCollisions
        }
        AddrInfo old = mapInfo.get(idOld);
        return Optional.of(new Candidate(old.toAddress(), Instant.ofEpochSecond(old.lastTry)));
    }

    /**
     * Core's {@code AddrMan::FindAddressEntry}: where an address sits (for a new entry, its
     * primary bucket from its own source, and how many new slots it holds). Empty if unknown.
     */
    public Optional<AddressPosition> findAddressEntry(NetAddress address, int port) {
        AddrInfo info = find(address, port);
        if (info == null) {
            return Optional.empty();
        }
        if (info.inTried) {
            int bucket = info.triedBucket(hasher, key);
            return Optional.of(new AddressPosition(true, 1, bucket, info.bucketPosition(hasher, key, false, bucket)));
        }
        int bucket = info.newBucket(hasher, key);
        return Optional.of(new AddressPosition(false, info.refCount, bucket, info.bucketPosition(hasher, key, true, bucket)));
    }

    /** Number of addresses ({@code AddrMan::Size}). */
    public int size() {
        return vRandom.size();
    }

    /** Addresses in the new table ({@code nNew}). */
    public int newCount() {
        return nNew;
    }

    /** Core's {@code AddrMan::Size(net, in_new)}: addresses of one network, in new or in tried. */
    public int size(Network network, boolean inNew) {
        int[] counts = networkCounts.getOrDefault(network, new int[2]);
        return inNew ? counts[0] : counts[1];
    }

    /**
     * New-table addresses per network group of the peer (or seed) that told us about them, read
     * only (a live view: node-logic thread, do not keep it). Sums to {@link #newCount()}.
     */
    public Map<Bytes, Integer> newCountsBySourceGroup() {
        return Collections.unmodifiableMap(newBySourceGroup);
    }

    /** Who told us about this address (its {@code source}); empty if it is not in the book. */
    public Optional<NetAddress> source(NetAddress address, int port) {
        AddrInfo info = find(address, port);
        return info == null ? Optional.empty() : Optional.of(info.source);
    }

    /** Addresses in the tried table ({@code nTried}). */
    public int triedCount() {
        return nTried;
    }

    /**
     * Writes the changes recorded since the last flush to the store as one batch (no-op when
     * none). Called on the node-logic thread by the owner of the book — PeerLogic at the end of
     * each task that touched it (addr, getaddr handling), ConnectionManager after its
     * attempt/good/connected calls — or from a 1-second node-logic timer; and once at shutdown.
     * Changes not yet flushed are lost on a crash, never half-written.
     *
     * @throws StoreException from the store; the changes stay queued for the next flush
     */
    public void flush() {
        for (long id : dirty) {
            AddrInfo info = mapInfo.get(id);
            if (info != null) {
                changes.put(info.toStored());
            } else if (!unstored.contains(id)) {
                changes.delete(id);
            }
        }
        dirty.clear();
        unstored.clear();
        if (!changes.isEmpty()) {
            int records = changes.size();
            store.apply(changes);
            changes.clear();
            log.debug("flushed {} address book records", records);
        }
    }

    /** Whether there are changes {@link #flush()} would write. */
    public boolean hasPendingChanges() {
        return !dirty.isEmpty() || !changes.isEmpty();
    }

    /**
     * The whole book as the store would hold it after a flush: key, every entry, every occupied
     * slot. For tests and diagnostics (it copies everything).
     */
    public Snapshot snapshot() {
        Map<Long, StoredAddress> entries = new LinkedHashMap<>();
        new TreeSet<>(mapInfo.keySet()).forEach(id -> entries.put(id, mapInfo.get(id).toStored()));
        Map<Slot, Long> slots = new LinkedHashMap<>();
        for (int b = 0; b < ADDRMAN_NEW_BUCKET_COUNT; b++) {
            for (int p = 0; p < ADDRMAN_BUCKET_SIZE; p++) {
                if (vvNew[b][p] != EMPTY) {
                    slots.put(new Slot(false, b, p), vvNew[b][p]);
                }
            }
        }
        for (int b = 0; b < ADDRMAN_TRIED_BUCKET_COUNT; b++) {
            for (int p = 0; p < ADDRMAN_BUCKET_SIZE; p++) {
                if (vvTried[b][p] != EMPTY) {
                    slots.put(new Slot(true, b, p), vvTried[b][p]);
                }
            }
        }
        return new Snapshot(Optional.of(Bytes.of(key.clone())), entries, slots);
    }

    /**
     * Core's {@code CheckAddrman}: the counters, the random order and every slot agree with the
     * entries. Throws IllegalStateException naming the first inconsistency. For tests.
     */
    void check() {
        if (vRandom.size() != nNew + nTried || mapInfo.size() != vRandom.size() || mapAddr.size() != mapInfo.size()) {
            throw new IllegalStateException("counts disagree: vRandom " + vRandom.size() + ", new " + nNew
                    + ", tried " + nTried + ", entries " + mapInfo.size() + ", addresses " + mapAddr.size());
        }
        for (AddrInfo info : mapInfo.values()) {
            if (info.randomPos < 0 || info.randomPos >= vRandom.size() || vRandom.get(info.randomPos) != info.id) {
                throw new IllegalStateException("entry " + info.id + " has a wrong random position");
            }
        }
        AddrMan copy = new AddrMan(store, random, clock, key);
        try {
            copy.restore(snapshot());
        } catch (StoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        for (AddrInfo info : mapInfo.values()) {
            if (copy.mapInfo.get(info.id).refCount != info.refCount) {
                throw new IllegalStateException("entry " + info.id + " has refcount " + info.refCount + ", slots say "
                        + copy.mapInfo.get(info.id).refCount);
            }
        }
        for (Network network : Network.values()) {
            if (copy.size(network, true) != size(network, true) || copy.size(network, false) != size(network, false)) {
                throw new IllegalStateException("network counts of " + network + " disagree with the tables");
            }
        }
        if (!copy.newBySourceGroup.equals(newBySourceGroup)) {
            throw new IllegalStateException("new-table counts by source group disagree with the tables");
        }
        if (copy.nNew != nNew || copy.nTried != nTried) {
            throw new IllegalStateException("new/tried counts " + nNew + "/" + nTried + ", tables say " + copy.nNew
                    + "/" + copy.nTried);
        }
    }

    /** Entry id in a table slot, -1 if empty (tests). */
    long entryAt(boolean tried, int bucket, int position) {
        return (tried ? vvTried : vvNew)[bucket][position];
    }

    /**
     * Where an address sits (Core's {@code AddressPosition}): table, number of new slots
     * (1 for tried), and the primary bucket and position. Immutable.
     */
    public record AddressPosition(boolean tried, int multiplicity, int bucket, int position) { }
}
