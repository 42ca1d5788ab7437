package org.btcnode.daemon;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import org.btcnode.core.log.LogCategory;

/**
 * Formats a log event as Core writes debug.log lines ({@code logging.cpp}):
 * {@code 2026-11-25T10:00:00Z [net] message}. The prefix follows Core's {@code GetLogPrefix}: a
 * category's debug lines show {@code [net]}, its other levels {@code [net:info]}, {@code [net:trace]},
 * {@code [net:warning]}; uncategorised ({@code btc}) info lines show nothing, their warnings and
 * errors {@code [warning]}, {@code [error]}; loggers outside {@code btc.*} show their name in place of a
 * category. Control characters are escaped as {@code \x1b}, as {@code LogEscapeMessage}. Stateless
 * after start; Logback calls it from any thread.
 */
public final class CoreLogLayout extends LayoutBase<ILoggingEvent> {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private boolean timestamps = true;

    /** {@code -logtimestamps}; a bean property so logback.xml can set it too. */
    public void setTimestamps(boolean timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder out = new StringBuilder(128);
        if (timestamps) {
            out.append(ISO_SECONDS.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
        }
        out.append(prefix(event.getLoggerName(), event.getLevel()));
        escape(event.getFormattedMessage(), out);
        out.append('\n');
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            out.append(ThrowableProxyUtil.asString(thrown)).append('\n');
        }
        return out.toString();
    }

    /** Core's {@code GetLogPrefix} with our logger names. */
    static String prefix(String loggerName, Level level) {
        String levelName = levelName(level);
        if (loggerName.equals(LogCategory.LIFECYCLE_LOGGER_NAME)) {
            return level == Level.INFO ? "" : "[" + levelName + "] ";
        }
        Optional<LogCategory> category = LogCategory.fromLoggerName(loggerName);
        String name = category.map(LogCategory::id).orElse(loggerName);
        return level == Level.DEBUG ? "[" + name + "] " : "[" + name + ":" + levelName + "] ";
    }

    private static String levelName(Level level) {
        return switch (level.toInt()) {
            case Level.TRACE_INT -> "trace";
            case Level.DEBUG_INT -> "debug";
            case Level.INFO_INT -> "info";
            case Level.WARN_INT -> "warning";
            default -> "error";
        };
    }

    /** logging.cpp LogEscapeMessage: control characters but '\n' become {@code \xNN}. */
    static void escape(String message, StringBuilder out) {
        if (message == null) {
            return;
        }
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if ((c >= 32 || c == '\n') && c != 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\x%02x", (int) c));
            }
        }
    }
}
