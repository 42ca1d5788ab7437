package org.btcnode.core.message;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageTypeTest {
    /** BIP 324 ids whose messages (transaction reconciliation, BIP 330) Core does not implement. */
    private static final Set<String> NOT_IN_CORE = Set.of("reqrecon", "sketch", "reqsketchext", "reconcildiff");

    /** Reads the short-id table of BIP 324 (copied verbatim into the vectors): id to command. */
    private static Map<Integer, String> bip324Table() {
        Map<Integer, String> ids = new TreeMap<>();
        Pattern row = Pattern.compile("^!\\+(\\d+)$");
        Pattern code = Pattern.compile("<code>([A-Z0-9]+)</code>");
        String[] lines = TestVectors.text("bip324/message-type-ids.mediawiki").split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            Matcher r = row.matcher(lines[i].trim());
            if (!r.matches()) {
                continue;
            }
            int base = Integer.parseInt(r.group(1));
            String[] cells = lines[i + 1].substring(1).split("\\|\\|");
            for (int column = 0; column < cells.length; column++) {
                Matcher c = code.matcher(cells[column]);
                if (c.find()) {
                    ids.put(base + column, c.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return ids;
    }

    @Test
    void theTableParsesToBip324sThirtyTwoIds() {
        Map<Integer, String> table = bip324Table();
        assertThat(table).hasSize(32);
        assertThat(table.keySet())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 32).boxed().toList());
        assertThat(table).containsEntry(1, "addr").containsEntry(13, "headers").containsEntry(28, "addrv2");
    }

    @Test
    void everyShortIdMatchesBip324sTable() {
        Map<Integer, String> table = bip324Table();
        for (MessageType type : MessageType.values()) {
            if (type.shortId() != 0) {
                assertThat(table.get(type.shortId())).as(type.toString()).isEqualTo(type.command());
            }
        }
        // and every id of the table names our type (or a message Core does not implement either)
        Set<String> missing = new HashSet<>();
        table.forEach((id, command) -> {
            if (NOT_IN_CORE.contains(command)) {
                assertThat(MessageType.fromShortId(id)).as("id " + id).isEmpty();
                return;
            }
            MessageType.fromCommand(command).ifPresentOrElse(
                    t -> assertThat(t.shortId()).as(command).isEqualTo(id),
                    () -> missing.add(command));
        });
        assertThat(missing).as("BIP 324 messages without a MessageType").isEmpty();
    }

    @Test
    void messagesWithoutAShortIdAreTheOnesBip324LeavesToTheLongForm() {
        Set<String> longOnly = new HashSet<>();
        for (MessageType t : MessageType.values()) {
            if (t != MessageType.UNKNOWN && t.shortId() == 0) {
                longOnly.add(t.command());
            }
        }
        assertThat(longOnly).containsExactlyInAnyOrder("version", "verack", "getaddr", "sendaddrv2", "sendheaders",
                "wtxidrelay");
    }

    @Test
    void lookupsFindEveryTypeAndNothingElse() {
        for (MessageType t : MessageType.values()) {
            if (t == MessageType.UNKNOWN) {
                assertThat(t.command()).isNull();
                continue;
            }
            assertThat(MessageType.fromCommand(t.command())).contains(t);
            if (t.shortId() != 0) {
                assertThat(MessageType.fromShortId(t.shortId())).contains(t);
            }
            byte[] ascii = t.command().getBytes(StandardCharsets.US_ASCII);
            assertThat(ascii.length).as(t.command()).isBetween(1, MessageType.COMMAND_SIZE);
            assertThat(t.command()).matches("[a-z0-9]+");
        }
        assertThat(MessageType.fromCommand("Version")).isEmpty();
        assertThat(MessageType.fromCommand("")).isEmpty();
        assertThat(MessageType.fromCommand("sendtxrcncl")).isEmpty();
        for (int id : new int[] {0, 29, 32, 33, 255, 256, -1}) {
            assertThat(MessageType.fromShortId(id)).as("id " + id).isEmpty();
        }
    }
}
