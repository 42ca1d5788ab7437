package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.btcnode.core.types.Amount;

/**
 * Jackson set up as Core's UniValue reads and writes JSON: one whole value per body (trailing
 * tokens are a parse error), numbers kept exact, amounts written as plain decimals with eight
 * places ({@code ValueFromAmount}). Stateless and thread-safe.
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    /**
     * Writes UTF-8 straight to a stream and leaves it open (the caller appends the newline). A
     * character outside the BMP goes out as its 4 UTF-8 bytes, as from the String path and from
     * UniValue, not as the two escaped surrogates Jackson's UTF-8 generator writes by default.
     */
    private static final ObjectWriter STREAM_WRITER = MAPPER.writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private Json() {
    }

    /** The body as one JSON value; a {@link JsonProcessingException} is Core's "Parse error". */
    public static JsonNode parse(String text) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(text);
        if (node == null || node.isMissingNode()) {
            throw new JsonProcessingException("empty body") { };
        }
        return node;
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code node} as UTF-8 bytes onto {@code out}, which stays open: the same text as {@link
     * #write(JsonNode)} without the intermediate String (an RPC reply is encoded once, on the worker).
     */
    public static void write(JsonNode node, OutputStream out) throws IOException {
        STREAM_WRITER.writeValue(out, node);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static ArrayNode array(List<String> strings) {
        ArrayNode a = array();
        strings.forEach(a::add);
        return a;
    }

    public static JsonNode text(String s) {
        return NODES.textNode(s);
    }

    public static JsonNode number(long n) {
        return NODES.numberNode(n);
    }

    public static JsonNode bool(boolean b) {
        return NODES.booleanNode(b);
    }

    public static JsonNode nullNode() {
        return NODES.nullNode();
    }

    /**
     * A floating-point result as UniValue prints it (setprecision(16)): 16 significant digits, so
     * difficulty 4.656542373906925e-10 reads back as Core's number, not the double's last digits.
     */
    public static JsonNode real(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return NODES.numberNode(0);     // NaN and infinity are not JSON; none of our values is either
        }
        return NODES.numberNode(new BigDecimal(value).round(new MathContext(16)).stripTrailingZeros());
    }

    /** core_io.cpp ValueFromAmount: BTC with exactly eight decimals, e.g. {@code 0.00001000}. */
    public static JsonNode amount(Amount amount) {
        return NODES.numberNode(BigDecimal.valueOf(amount.sats(), 8));
    }

    /**
     * univalue.cpp uvTypeName: the type names Core's error messages use (null, bool, object,
     * array, string, number).
     */
    public static String typeName(JsonNode node) {
        JsonNodeType t = node == null ? JsonNodeType.NULL : node.getNodeType();
        return switch (t) {
            case NULL, MISSING -> "null";
            case BOOLEAN -> "bool";
            case OBJECT, POJO -> "object";
            case ARRAY -> "array";
            case STRING, BINARY -> "string";
            case NUMBER -> "number";
        };
    }

    /** Pretty form with four-space indentation, as UniValue's write(4) in error messages. */
    public static String writeIndented(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
