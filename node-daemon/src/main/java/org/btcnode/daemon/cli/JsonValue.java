package org.btcnode.daemon.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A JSON value as Core's {@code UniValue} holds it: numbers keep the text the server wrote
 * ({@code 0.00001000}, {@code 4.656542373906925e-10}), so that btcnode-cli prints them exactly
 * as bitcoin-cli does, and {@link #write(int)} lays values out as {@code UniValue::write}.
 * Missing members read as {@link Null}, as {@code UniValue::operator[]} does. Immutable.
 */
sealed interface JsonValue {
    JsonFactory FACTORY = new JsonFactory();

    /** JSON null, also what {@link #get} gives for a missing member. */
    enum Null implements JsonValue { INSTANCE }

    /** true or false. */
    record Bool(boolean value) implements JsonValue {
    }

    /** A number as written, never reformatted. */
    record Number(String text) implements JsonValue {
        public long longValue() {
            return new BigDecimal(text).longValueExact();
        }

        public double doubleValue() {
            return Double.parseDouble(text);
        }
    }

    /** A string. */
    record Str(String value) implements JsonValue {
    }

    /** An array. */
    record Array(List<JsonValue> values) implements JsonValue {
        public Array {
            values = List.copyOf(values);
        }
    }

    /** An object; members keep their order. */
    record Obj(Map<String, JsonValue> members) implements JsonValue {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }

    /** The member {@code key} of an object, {@link Null} when absent or when this is not an object. */
    default JsonValue get(String key) {
        return this instanceof Obj ? ((Obj) this).members().getOrDefault(key, Null.INSTANCE) : Null.INSTANCE;
    }

    default boolean isNull() {
        return this == Null.INSTANCE;
    }

    /** The elements of an array (none for anything else). */
    default List<JsonValue> elements() {
        return this instanceof Array ? ((Array) this).values() : List.of();
    }

    /** {@code UniValue::getValStr}: a string's or number's text, "1"/"" for booleans, "" for the rest. */
    default String valStr() {
        if (this instanceof Str) {
            return ((Str) this).value();
        }
        if (this instanceof Number) {
            return ((Number) this).text();
        }
        if (this instanceof Bool) {
            return ((Bool) this).value() ? "1" : "";
        }
        return "";
    }

    /** A string's value; anything else is a malformed reply. */
    default String str() {
        if (this instanceof Str) {
            return ((Str) this).value();
        }
        throw new IllegalStateException("JSON value is not a string as expected");
    }

    /** An integer; anything else (or a fraction) is a malformed reply. */
    default long asLong() {
        if (this instanceof Number) {
            return ((Number) this).longValue();
        }
        throw new IllegalStateException("JSON value is not an integer as expected");
    }

    default double asDouble() {
        if (this instanceof Number) {
            return ((Number) this).doubleValue();
        }
        throw new IllegalStateException("JSON value is not a number as expected");
    }

    default boolean asBool() {
        if (this instanceof Bool) {
            return ((Bool) this).value();
        }
        throw new IllegalStateException("JSON value is not a boolean as expected");
    }

    /** {@code UniValue::write(prettyIndent)}: compact with 0, else one member per line indented by {@code indent}. */
    default String write(int indent) {
        StringBuilder out = new StringBuilder();
        Writer.write(this, indent, 0, out);
        return out.toString();
    }

    /** One whole JSON text (any value at the top, as {@code UniValue::read}); empty if it does not parse. */
    static Optional<JsonValue> parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            JsonValue value = Writer.read(parser, first);
            return parser.nextToken() == null ? Optional.of(value) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reading and writing, after univalue_read.cpp and univalue_write.cpp. */
    final class Writer {
        private Writer() {
        }

        static JsonValue read(JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case START_OBJECT: {
                    Map<String, JsonValue> members = new LinkedHashMap<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                        String name = parser.currentName();
                        members.put(name, read(parser, parser.nextToken()));
                    }
                    return new Obj(members);
                }
                case START_ARRAY: {
                    List<JsonValue> values = new ArrayList<>();
                    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                        values.add(read(parser, t));
                    }
                    return new Array(values);
                }
                case VALUE_STRING:
                    return new Str(parser.getText());
                case VALUE_NUMBER_INT:
                case VALUE_NUMBER_FLOAT:
                    return new Number(parser.getText());
                case VALUE_TRUE:
                    return new Bool(true);
                case VALUE_FALSE:
                    return new Bool(false);
                case VALUE_NULL:
                    return Null.INSTANCE;
                default:
                    throw new IOException("unexpected JSON token " + token);
            }
        }

        static void write(JsonValue value, int indent, int level, StringBuilder out) {
            int modLevel = Math.max(level, 1);
            if (value instanceof Obj) {
                out.append('{');
                List<Map.Entry<String, JsonValue>> members = new ArrayList<>(((Obj) value).members().entrySet());
                newline(indent, out);
                for (int i = 0; i < members.size(); i++) {
                    spaces(indent * modLevel, out);
                    escape(members.get(i).getKey(), out);
                    out.append(':');
                    if (indent > 0) {
                        out.append(' ');
                    }
                    write(members.get(i).getValue(), indent, modLevel + 1, out);
                    if (i != members.size() - 1) {
                        out.append(',');
                    }
                    newline(indent, out);
                }
                spaces(indent * (modLevel - 1), out);
                out.append('}');
            } else if (value instanceof Array) {
                out.append('[');
                List<JsonValue> values = ((Array) value).values();
                newline(indent, out);
                for (int i = 0; i < values.size(); i++) {
                    spaces(indent * modLevel, out);
                    write(values.get(i), indent, modLevel + 1, out);
                    if (i != values.size() - 1) {
                        out.append(',');
                    }
                    newline(indent, out);
                }
                spaces(indent * (modLevel - 1), out);
                out.append(']');
            } else if (value instanceof Str) {
                escape(((Str) value).value(), out);
            } else if (value instanceof Number) {
                out.append(((Number) value).text());
            } else if (value instanceof Bool) {
                out.append(((Bool) value).value());
            } else {
                out.append("null");
            }
        }

        private static void newline(int indent, StringBuilder out) {
            if (indent > 0) {
                out.append('\n');
            }
        }

        private static void spaces(int n, StringBuilder out) {
            out.append(" ".repeat(n));
        }

        /** univalue_escapes.h: control characters, quote, backslash and DEL escaped; the rest as is. */
        private static void escape(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || c == 0x7f) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
