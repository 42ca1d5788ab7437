package org.btcnode.daemon.config;

import java.util.Arrays;
import java.util.Optional;

/** The levels {@code -loglevel} accepts for debug categories ({@code logging.cpp}); warning and error are always logged. */
public enum LogLevel {
    TRACE("trace"),
    DEBUG("debug"),
    INFO("info");

    private final String id;

    LogLevel(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    static Optional<LogLevel> fromId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    static String idList() {
        return "info, debug, trace";
    }
}
