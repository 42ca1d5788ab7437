package org.btcnode.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Bytes;
import org.btcnode.daemon.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database service: what it hands the network survives a restart; a bad database is a DATABASE error. */
class DatabaseServiceTest {
    @TempDir
    Path chainDir;

    @Test
    void bansAndTheAddressBookSurviveAStopAndStart() throws Exception {
        Subnet subnet = Subnet.parse("192.0.2.0/24").orElseThrow();
        BanEntry entry = new BanEntry(Instant.ofEpochSecond(1_700_000_000L), Instant.ofEpochSecond(1_700_086_400L));
        DatabaseService first = new DatabaseService(chainDir, NetworkParameters.REGTEST.magic());
        first.start();
        first.banStore().ban(subnet, entry);
        first.addressBookStore().apply(new AddressBookStore.Changes().setKey(Bytes.fromHex("0102")));
        first.stop();
        first.stop();                                            // idempotent, as Node may call it twice

        DatabaseService second = new DatabaseService(chainDir, NetworkParameters.REGTEST.magic());
        second.start();
        try {
            assertThat(second.banStore().list()).isEqualTo(Map.of(subnet, entry));
            assertThat(second.addressBookStore().load().key()).contains(Bytes.fromHex("0102"));
        } finally {
            second.stop();
        }
        assertThat(chainDir.resolve("db").resolve("CURRENT")).exists();
    }

    @Test
    void aCorruptDatabaseIsADatabaseConfigErrorWithTheStoreSentence() throws Exception {
        DatabaseService service = new DatabaseService(chainDir, NetworkParameters.REGTEST.magic());
        service.start();
        service.stop();
        Path db = chainDir.resolve("db");
        Files.writeString(db.resolve("CURRENT"), "garbage");
        assertThatThrownBy(new DatabaseService(chainDir, NetworkParameters.REGTEST.magic())::start)
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.kind()).isEqualTo(ConfigException.Kind.DATABASE))
                .hasMessageStartingWith("the database in " + db + " is corrupt (");
    }

    @Test
    void theStoresAreOnlyThereWhileStarted() {
        DatabaseService service = new DatabaseService(chainDir, NetworkParameters.REGTEST.magic());
        assertThatThrownBy(service::banStore).isInstanceOf(NullPointerException.class)
                .hasMessage("the database service has not started");
    }
}
