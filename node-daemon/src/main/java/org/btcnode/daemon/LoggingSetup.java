package org.btcnode.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.LogLevel;
import org.btcnode.daemon.config.LoggingOptions;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from {@link LoggingOptions}: Core-like lines ({@link CoreLogLayout}) into
 * debug.log and, with {@code -printtoconsole}, stdout; {@code btc} and every category at INFO,
 * {@code -debug} categories at their debug level, foreign libraries at WARN. The programmatic
 * equivalent of config/logback.xml. If the JVM was started with
 * {@code -Dlogback.configurationFile=…}, that file wins and only the system property
 * {@code btcnode.debuglog} is provided to it. Main thread, once, before the first log line.
 */
public final class LoggingSetup {
    /** System property naming logback.configurationFile: when set, we leave Logback to it. */
    public static final String LOGBACK_CONFIG_PROPERTY = "logback.configurationFile";
    /** System property the debug.log path is published in, for a custom logback.xml. */
    public static final String DEBUGLOG_PROPERTY = "btcnode.debuglog";

    private LoggingSetup() {
    }

    public static void configure(LoggingOptions options) throws ConfigException {
        options.debugLogFile().ifPresent(f -> System.setProperty(DEBUGLOG_PROPERTY, f.toString()));
        // init/common.cpp: shrink first, before anything is written to the file
        ShrinkNote shrunk = null;
        if (options.debugLogFile().isPresent()) {
            if (options.shrinkDebugFile()) {
                shrunk = shrink(options.debugLogFile().get());
            }
            startNewRun(options.debugLogFile().get());
        }
        if (System.getProperty(LOGBACK_CONFIG_PROPERTY) != null) {
            LoggerFactory.getILoggerFactory();
        } else {
            configureLogback(options);
        }
        if (shrunk != null && shrunk.failed()) {
            LogCategory.lifecycle().warn(shrunk.text());
        } else if (shrunk != null) {
            LogCategory.lifecycle().info(shrunk.text());
        }
    }

    private static void configureLogback(LoggingOptions options) throws ConfigException {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        context.getLogger(LogCategory.LIFECYCLE_LOGGER_NAME).setLevel(Level.INFO);
        for (LogCategory category : LogCategory.values()) {
            context.getLogger(category.loggerName()).setLevel(toLevel(options.levelOf(category)));
        }
        if (options.debugLogFile().isPresent()) {
            FileAppender<ILoggingEvent> file = new FileAppender<>();
            file.setFile(options.debugLogFile().get().toString());
            file.setAppend(true);
            root.addAppender(start(context, file, "debuglog", options.logTimestamps()));
        }
        if (options.printToConsole()) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            root.addAppender(start(context, console, "console", options.logTimestamps()));
        }
    }

    /**
     * Core's {@code m_reopen_file} (SIGHUP): every file appender closes its file and opens the same
     * path again, appending, so that after {@code mv debug.log debug.log.1} new lines go to a new
     * debug.log. A file that cannot be opened leaves the appender writing to the old one, as Core.
     * Thread-safe: each appender swaps its stream under its own write lock. Returns the files
     * reopened, for the log line.
     */
    public static List<String> reopenDebugLog() {
        List<String> reopened = new ArrayList<>();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return reopened;
        }
        Iterator<Appender<ILoggingEvent>> appenders =
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof FileAppender<ILoggingEvent> file && file.isStarted()) {
                try {
                    file.openFile(file.getFile());
                    reopened.add(file.getFile());
                } catch (IOException e) {
                    LogCategory.lifecycle().error("Could not reopen debug log file {}: {}", file.getFile(),
                            PidFile.reason(e));
                }
            }
        }
        return reopened;
    }

    /** Flushes and closes the appenders: the last lines reach debug.log before the JVM halts. */
    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    /** A line about the shrink, logged once logging runs. */
    private record ShrinkNote(boolean failed, String text) {
    }

    /** {@link DebugLogFile#shrink}; what it did, or null when the file was left alone. */
    private static ShrinkNote shrink(Path debugLog) {
        try {
            OptionalLong before = DebugLogFile.shrink(debugLog);
            return before.isEmpty() ? null : new ShrinkNote(false, "Shrunk debug log file " + debugLog + " from "
                    + before.getAsLong() + " to " + Files.size(debugLog) + " bytes (-shrinkdebugfile)");
        } catch (IOException | SecurityException e) {
            // logging.cpp: a failed shrink is logged and start-up goes on
            return new ShrinkNote(true, "Failed to shrink debug log file " + debugLog + ": " + PidFile.reason(e));
        }
    }

    /**
     * logging.cpp StartLogging: five empty lines set this run apart from the last one. Also proves
     * we can write the file, with Core's message if not.
     */
    private static void startNewRun(Path debugLog) throws ConfigException {
        try {
            Files.writeString(debugLog, "\n\n\n\n\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(ConfigException.Kind.FILE_WRITE, "Could not open debug log file " + debugLog);
        }
    }

    private static OutputStreamAppender<ILoggingEvent> start(LoggerContext context,
            OutputStreamAppender<ILoggingEvent> appender, String name, boolean timestamps) throws ConfigException {
        CoreLogLayout layout = new CoreLogLayout();
        layout.setTimestamps(timestamps);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setContext(context);
        encoder.start();
        appender.setName(name);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.start();
        if (!appender.isStarted()) {
            throw new ConfigException(ConfigException.Kind.FILE_WRITE, "Could not open debug log file "
                    + System.getProperty(DEBUGLOG_PROPERTY));
        }
        return appender;
    }

    static Level toLevel(LogLevel level) {
        return switch (level) {
            case TRACE -> Level.TRACE;
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
        };
    }

    /** Whether a category's debug lines are logged now (the logging RPC's answer, Core's WillLogCategory). */
    public static boolean isCategoryEnabled(LogCategory category) {
        return LoggerFactory.getLogger(category.loggerName()).isDebugEnabled();
    }

    /**
     * The logging RPC (Core's EnableCategory/DisableCategory): on logs the category at DEBUG
     * (TRACE stays TRACE), off back to INFO. Only the Logback context's level changes.
     */
    public static void setCategoryEnabled(LogCategory category, boolean enabled) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger logger = context.getLogger(category.loggerName());
        if (enabled && !logger.isDebugEnabled()) {
            logger.setLevel(Level.DEBUG);
        } else if (!enabled) {
            logger.setLevel(Level.INFO);
        }
    }
}
