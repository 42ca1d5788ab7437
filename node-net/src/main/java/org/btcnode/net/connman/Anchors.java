package org.btcnode.net.connman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * {@code anchors.dat}: the block-relay-only peers we had at a clean shutdown, tried first at the
 * next start so that an attacker who restarts us cannot also replace those peers (Core's
 * addrdb.cpp DumpAnchors/ReadAnchors). Read once and deleted, as Core does, so that a crash does
 * not make us retry stale anchors forever. Called on the node-logic thread at start and stop.
 *
 * <p>Format, unlike Core's (which is the network magic, a serialized {@code std::vector<CAddress>}
 * in the ADDRV2 disk format and a SHA256d checksum): UTF-8 text, a comment line starting with
 * {@code #}, then one line per anchor, {@code <BIP155 network id> <address hex> <port> <services
 * hex>}, e.g. {@code 1 01020304 8333 409}. Text is easy to inspect and lossless for every
 * network; a file from Core is not read (its first bytes are not text) and gives no anchors.
 */
public final class Anchors {
    /** net.h: MAX_BLOCK_RELAY_ONLY_ANCHORS, how many anchors are kept. */
    public static final int MAX_BLOCK_RELAY_ONLY_ANCHORS = 2;
    /** The file name in the datadir, as Core's ANCHORS_DATABASE_FILENAME. */
    public static final String ANCHORS_DATABASE_FILENAME = "anchors.dat";

    private static final Logger log = LogCategory.NET.logger();
    private static final String HEADER = "# btcnode anchors: <BIP155 network id> <address hex> <port> <services hex>";

    private Anchors() {}

    /**
     * Writes the anchors (at most {@link #MAX_BLOCK_RELAY_ONLY_ANCHORS}) atomically; a failure is
     * logged, not thrown.
     */
    public static void write(Path file, List<Address> anchors) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Address a : anchors.subList(0, Math.min(anchors.size(), MAX_BLOCK_RELAY_ONLY_ANCHORS))) {
            sb.append(a.address().network().id()).append(' ')
                    .append(a.address().bytes().toHex()).append(' ')
                    .append(a.port()).append(' ')
                    .append(Long.toHexString(a.services().bits())).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            log.debug("Flushed {} anchor addresses to {}", Math.min(anchors.size(), MAX_BLOCK_RELAY_ONLY_ANCHORS),
                    file);
        } catch (IOException e) {
            log.warn("Failed to write anchors to {}: {}", file, e.toString());
        }
    }

    /**
     * Reads the anchors and deletes the file (Core's ReadAnchors). A missing file gives none; a
     * malformed line is skipped with a warning.
     */
    public static List<Address> readAndDelete(Path file, Instant now) {
        List<Address> anchors = new ArrayList<>();
        if (!Files.exists(file)) {
            return anchors;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Optional<Address> a = parseLine(line, now);
                if (a.isPresent()) {
                    anchors.add(a.get());
                } else {
                    log.warn("Skipping malformed line in {}: {}", file, line);
                }
            }
            log.info("Loaded {} addresses from {}", anchors.size(), file.getFileName());
        } catch (IOException | RuntimeException e) {
            log.warn("Failed to read anchors from {}: {}", file, e.toString());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Failed to delete {}: {}", file, e.toString());
        }
        return anchors.subList(0, Math.min(anchors.size(), MAX_BLOCK_RELAY_ONLY_ANCHORS));
    }

    private static Optional<Address> parseLine(String line, Instant now) {
        String[] f = line.trim().split(" ");
        if (f.length != 4) {
            return Optional.empty();
        }
        try {
            Optional<NetworkId> network = NetworkId.fromId(Integer.parseInt(f[0]));
            if (network.isEmpty()) {
                return Optional.empty();
            }
            NetAddress address = NetAddress.of(network.get(), HexFormat.of().parseHex(f[1]));
            int port = Integer.parseInt(f[2]);
            ServiceFlags services = new ServiceFlags(Long.parseUnsignedLong(f[3], 16));
            return Optional.of(new Address(Instant.ofEpochSecond(now.getEpochSecond()), services, address, port));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
