package org.btcnode.daemon.rpc;

import java.math.BigInteger;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The positional parameters of one call, after named parameters were put in place and the types
 * were checked against the method's {@link RpcArg}s. Accessors convert as UniValue's getters do,
 * with Core's errors: a non-integer or out-of-range number is {@code RPC_MISC_ERROR} "JSON integer
 * out of range" (a std::runtime_error in Core). Immutable view, one per call.
 */
public final class RpcParams {
    private final ArrayNode values;

    RpcParams(ArrayNode values) {
        this.values = values;
    }

    /** A params object for handler tests: positional values as given. */
    public static RpcParams of(ArrayNode values) {
        return new RpcParams(values.deepCopy());
    }

    public int size() {
        return values.size();
    }

    /** Whether parameter {@code i} is absent or JSON null. */
    public boolean isNull(int i) {
        return i >= values.size() || values.get(i).isNull();
    }

    public JsonNode get(int i) {
        return isNull(i) ? Json.nullNode() : values.get(i);
    }

    public String string(int i) {
        JsonNode v = get(i);
        if (!v.isTextual()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR,
                    "JSON value of type " + Json.typeName(v) + " is not of expected type string");
        }
        return v.textValue();
    }

    public Optional<String> optionalString(int i) {
        return isNull(i) ? Optional.empty() : Optional.of(string(i));
    }

    public boolean bool(int i) {
        JsonNode v = get(i);
        if (!v.isBoolean()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR,
                    "JSON value of type " + Json.typeName(v) + " is not of expected type bool");
        }
        return v.booleanValue();
    }

    public boolean bool(int i, boolean defaultValue) {
        return isNull(i) ? defaultValue : bool(i);
    }

    /** UniValue::getInt<int64_t>: an integral number in range, else "JSON integer out of range". */
    public long integer(int i, long min, long max) {
        JsonNode v = get(i);
        if (!v.isNumber()) {
            throw new RpcException(RpcErrorCode.RPC_TYPE_ERROR,
                    "JSON value of type " + Json.typeName(v) + " is not of expected type number");
        }
        BigInteger n;
        if (v.isIntegralNumber()) {
            n = v.bigIntegerValue();
        } else {
            // ParseIntegral accepts only digits: 1.5 and 1e3 are out of range for getInt
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON integer out of range");
        }
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new RpcException(RpcErrorCode.RPC_MISC_ERROR, "JSON integer out of range");
        }
        return n.longValueExact();
    }

    public int int32(int i) {
        return (int) integer(i, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public long int64(int i) {
        return integer(i, Long.MIN_VALUE, Long.MAX_VALUE);
    }
}
