package org.btcnode.crypto.hash;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One row of Core's siphash.json (see vectors/core/SOURCES.md): key, input pieces, expected hashes. */
record SipVectors(int index, long k0, long k1, List<byte[]> pieces, long siphash24, Long siphash13uj) {
    static List<SipVectors> all() {
        List<SipVectors> rows = new ArrayList<>();
        JsonNode json = Vectors.json("core/siphash.json");
        for (int i = 0; i < json.size(); i++) {
            JsonNode row = json.get(i);
            List<byte[]> pieces = new ArrayList<>();
            row.get("input").forEach(piece -> pieces.add(Vectors.hex(piece.asText())));
            JsonNode expected = row.get("expected");
            rows.add(new SipVectors(i, Long.parseUnsignedLong(row.get("key").get(0).asText(), 16),
                    Long.parseUnsignedLong(row.get("key").get(1).asText(), 16), List.copyOf(pieces),
                    Long.parseUnsignedLong(expected.get("siphash24").asText(), 16),
                    expected.has("siphash13uj")
                            ? Long.parseUnsignedLong(expected.get("siphash13uj").asText(), 16) : null));
        }
        return rows;
    }

    /** All pieces joined: the bytes SipHash-2-4 hashes. */
    byte[] input() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pieces.forEach(out::writeBytes);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "siphash.json row " + index;
    }
}
