package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fixture src/test/resources/rpc/core-result-keys.json (Core's documented result keys and
 * JSON types per method) and the check of a real result against it: every required key present
 * with its type, optional keys with their type when present, no key Core does not document.
 */
public final class CoreResultKeys {
    private final JsonNode fixture;

    public CoreResultKeys() {
        try (InputStream in = CoreResultKeys.class.getResourceAsStream("/rpc/core-result-keys.json")) {
            fixture = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Set<String> methods() {
        Set<String> out = new HashSet<>();
        fixture.fieldNames().forEachRemaining(n -> {
            if (!n.startsWith("_")) {
                out.add(n);
            }
        });
        return out;
    }

    /** The differences between {@code result} and Core's description of {@code method}; empty when it matches. */
    public List<String> mismatches(String method, JsonNode result) {
        JsonNode spec = fixture.get(method);
        if (spec == null) {
            return List.of(method + ": not in the fixture");
        }
        List<String> out = new ArrayList<>();
        String type = spec.get("type").asText();
        if (!type(result).equals(type)) {
            out.add(method + ": result is " + type(result) + ", Core returns " + type);
            return out;
        }
        Set<String> optional = new HashSet<>();
        spec.path("optional").forEach(o -> optional.add(o.asText()));
        if (spec.has("keys")) {
            checkObject(method, result, spec.get("keys"), optional, out);
            nested(method, result, spec.path("elements"), true, out);
            nested(method, result, spec.path("objects"), false, out);
        }
        if (spec.has("element")) {
            for (JsonNode element : result) {
                checkObject(method + "[]", element, spec.get("element"), optional, out);
            }
        }
        return out;
    }

    private static void nested(String method, JsonNode result, JsonNode specs, boolean arrays, List<String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = specs.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = result.path(e.getKey());
            if (arrays) {
                for (JsonNode element : value) {
                    checkObject(method + "." + e.getKey() + "[]", element, e.getValue(), Set.of(), out);
                }
            } else {
                checkObject(method + "." + e.getKey(), value, e.getValue(), Set.of(), out);
            }
        }
    }

    private static void checkObject(String where, JsonNode actual, JsonNode keys, Set<String> optional,
                                    List<String> out) {
        if (!actual.isObject()) {
            out.add(where + ": not an object");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = keys.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = actual.get(e.getKey());
            if (value == null) {
                if (!optional.contains(e.getKey())) {
                    out.add(where + ": missing " + e.getKey());
                }
            } else if (!type(value).equals(e.getValue().asText())) {
                out.add(where + "." + e.getKey() + ": " + type(value) + ", Core: " + e.getValue().asText());
            }
        }
        actual.fieldNames().forEachRemaining(name -> {
            if (!keys.has(name)) {
                out.add(where + ": " + name + " is not in Core's result");
            }
        });
    }

    private static String type(JsonNode n) {
        if (n == null || n.isNull()) {
            return "null";
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isNumber()) {
            return "number";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        return n.isArray() ? "array" : "object";
    }
}
