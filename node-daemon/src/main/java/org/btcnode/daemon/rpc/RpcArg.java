package org.btcnode.daemon.rpc;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One parameter of an RPC method (Core's rpc/util.h {@code RPCArg}): its name for named
 * parameters and help, the JSON type checked before the handler runs, whether it may be left
 * out, and a help line. Immutable.
 */
public record RpcArg(String name, Type type, boolean required, String description) {
    /** Core's RPCArg::Type, with the help text's type word. */
    public enum Type {
        STR("string"), STR_HEX("string"), NUM("numeric"), BOOL("boolean"), ARR("json array"), OBJ("json object"),
        /** Core's skip_type_check arguments (getblock's verbosity: a number or a bool): the handler checks. */
        ANY("numeric or boolean");

        private final String helpName;

        Type(String helpName) {
            this.helpName = helpName;
        }

        public String helpName() {
            return helpName;
        }

        /** The JSON type name (univalue's uvTypeName) this argument needs. */
        String jsonName() {
            return switch (this) {
                case STR, STR_HEX -> "string";
                case NUM -> "number";
                case BOOL -> "bool";
                case ARR -> "array";
                case OBJ -> "object";
                case ANY -> "any";
            };
        }
    }

    public RpcArg {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    public static RpcArg required(String name, Type type, String description) {
        return new RpcArg(name, type, true, description);
    }

    public static RpcArg optional(String name, Type type, String description) {
        return new RpcArg(name, type, false, description);
    }

    /** RPCArg::MatchesType: an optional argument may be null; otherwise the JSON type must fit. */
    boolean matches(JsonNode value) {
        if (type == Type.ANY || (!required && (value == null || value.isNull()))) {
            return true;
        }
        return Json.typeName(value).equals(type.jsonName());
    }
}
