package org.btcnode.daemon.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON as UniValue reads and writes it: numbers verbatim, Core's pretty layout and escapes. */
class JsonValueTest {
    private static JsonValue parse(String text) {
        return JsonValue.parse(text).orElseThrow();
    }

    @Test
    void prettyLayoutIsUniValuesWithTwoSpaces() {
        JsonValue v = parse("{\"a\":1,\"b\":[true,null,{\"c\":\"d\"}],\"e\":[],\"f\":{}}");
        assertThat(v.write(2)).isEqualTo("{\n"
                + "  \"a\": 1,\n"
                + "  \"b\": [\n"
                + "    true,\n"
                + "    null,\n"
                + "    {\n"
                + "      \"c\": \"d\"\n"
                + "    }\n"
                + "  ],\n"
                + "  \"e\": [\n"
                + "  ],\n"
                + "  \"f\": {\n"
                + "  }\n"
                + "}");
        // bitcoin-cli listbanned on an empty ban list prints "[" and "]" on two lines
        assertThat(parse("[]").write(2)).isEqualTo("[\n]");
        assertThat(v.write(0)).isEqualTo("{\"a\":1,\"b\":[true,null,{\"c\":\"d\"}],\"e\":[],\"f\":{}}");
    }

    @Test
    void numbersKeepTheServersText() {
        JsonValue v = parse("{\"relayfee\":0.00001000,\"difficulty\":4.656542373906925e-10,\"big\":123456789012345678901234567890}");
        assertThat(v.write(0)).isEqualTo("{\"relayfee\":0.00001000,\"difficulty\":4.656542373906925e-10,"
                + "\"big\":123456789012345678901234567890}");
        assertThat(v.get("relayfee").valStr()).isEqualTo("0.00001000");
    }

    @Test
    void stringsAreEscapedAsUniValueDoes() {
        JsonValue v = new JsonValue.Str("q\" b\\ \n\t\r\b\f \u0001 \u007f / é");
        assertThat(v.write(0)).isEqualTo("\"q\\\" b\\\\ \\n\\t\\r\\b\\f \\u0001 \\u007f / é\"");
        assertThat(parse(v.write(0))).isEqualTo(v);
    }

    @Test
    void membersMissingOrOfOtherTypesReadAsNull() {
        JsonValue v = parse("{\"a\":{\"b\":2}}");
        assertThat(v.get("a").get("b").asLong()).isEqualTo(2);
        assertThat(v.get("x").get("y").isNull()).isTrue();
        assertThat(v.get("a").elements()).isEmpty();
        assertThat(new JsonValue.Bool(true).valStr()).isEqualTo("1");
        assertThat(new JsonValue.Bool(false).valStr()).isEmpty();
    }

    @Test
    void onlyOneWholeValueParses() {
        assertThat(JsonValue.parse("1 2")).isEmpty();
        assertThat(JsonValue.parse("{\"a\":")).isEmpty();
        assertThat(JsonValue.parse("")).isEmpty();
        assertThat(JsonValue.parse("abc")).isEmpty();
        assertThat(JsonValue.parse(" \"s\"\n")).contains(new JsonValue.Str("s"));
    }
}
