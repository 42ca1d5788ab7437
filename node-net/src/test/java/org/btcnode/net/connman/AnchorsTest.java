package org.btcnode.net.connman;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AnchorsTest {
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void roundTripsAndDeletesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anchors.dat");
        Address v4 = new Address(NOW, new ServiceFlags(0x409), NetAddress.ipv4(1, 2, 3, 4), 8333);
        Address onion = new Address(NOW, new ServiceFlags(0x9), NetAddress.of(NetworkId.TORV3,
                HexFormat.of().parseHex("ab".repeat(32))), 9050);
        Anchors.write(file, List.of(v4, onion));
        assertThat(Files.readAllLines(file)).containsExactly(
                "# btcnode anchors: <BIP155 network id> <address hex> <port> <services hex>",
                "1 01020304 8333 409",
                "4 " + "ab".repeat(32) + " 9050 9");
        assertThat(Anchors.readAndDelete(file, NOW)).containsExactly(v4, onion);
        assertThat(file).doesNotExist();
        assertThat(Anchors.readAndDelete(file, NOW)).isEmpty();
    }

    @Test
    void keepsAtMostTwoAndSkipsMalformedLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anchors.dat");
        Files.writeString(file, "# c\n1 0102 8333 409\n7 0102030405 1 1\n1 01020304 8333 409\n"
                + "1 05060708 8333 409\n1 090a0b0c 8333 409\n");
        List<Address> read = Anchors.readAndDelete(file, NOW);
        assertThat(read).extracting(Address::address)
                .containsExactly(NetAddress.ipv4(1, 2, 3, 4), NetAddress.ipv4(5, 6, 7, 8));
        assertThat(file).doesNotExist();
    }

    @Test
    void aBinaryCoreFileGivesNoAnchors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("anchors.dat");
        Files.write(file, HexFormat.of().parseHex("f9beb4d902"));   // magic then a vector length
        assertThat(Anchors.readAndDelete(file, NOW)).isEmpty();
        assertThat(file).doesNotExist();
    }
}
