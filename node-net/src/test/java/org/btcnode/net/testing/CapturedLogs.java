package org.btcnode.net.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-only SLF4J provider (registered in META-INF/services) that keeps every formatted line
 * at every level, so tests can check what node logic logs. node-net has no logging backend of
 * its own (Logback is node-daemon's); this stands in for one. The lines are global to the test
 * JVM: a test clears them first and looks only for its own peer ids.
 */
public final class CapturedLogs implements SLF4JServiceProvider {
    /** One line: logger name, level, formatted text. */
    public record Line(String logger, Level level, String text) {}

    private static final List<Line> LINES = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    public static void clear() {
        LINES.clear();
    }

    /** Every line of every logger, in order (e.g. to look at a library's loggers by prefix). */
    public static List<Line> all() {
        return List.copyOf(LINES);
    }

    /** The lines of one logger, in order. */
    public static List<Line> lines(String logger) {
        List<Line> out = new ArrayList<>();
        for (Line l : LINES) {
            if (l.logger().equals(logger)) {
                out.add(l);
            }
        }
        return out;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return name -> loggers.computeIfAbsent(name, CapturingLogger::new);
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        CapturingLogger(String name) {
            this.name = name;
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                Throwable throwable) {
            LINES.add(new Line(name, level, MessageFormatter.basicArrayFormat(pattern, arguments)));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}
