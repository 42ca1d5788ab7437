package org.btcnode.daemon.config;

/**
 * One value given to an option, as Core's {@code SettingsValue}: a string ({@code -port=8333},
 * {@code -listen} gives ""), {@code false} for a negation ({@code -nolisten}) or {@code true} for
 * a double negative ({@code -nolisten=0}). Immutable.
 */
record SettingValue(Type type, String text) {
    /** What kind of value. */
    enum Type { STRING, FALSE, TRUE }

    static final SettingValue NEGATED = new SettingValue(Type.FALSE, "0");
    static final SettingValue DOUBLE_NEGATIVE = new SettingValue(Type.TRUE, "1");

    static SettingValue of(String text) {
        return new SettingValue(Type.STRING, text);
    }

    boolean isFalse() {
        return type == Type.FALSE;
    }

    /** As Core's {@code SettingToString}: false is "0", true is "1". */
    String asString() {
        return text;
    }

    /** As {@code UniValue::write()}, used in log lines and one error text: JSON. */
    String json() {
        return switch (type) {
            case FALSE -> "false";
            case TRUE -> "true";
            case STRING -> '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        };
    }
}
