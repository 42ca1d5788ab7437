package org.btcnode.daemon.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.log.LogCategory;

/**
 * Where and how the daemon logs: {@code -printtoconsole}, {@code -debuglogfile}, {@code -logtimestamps},
 * {@code -debug}/{@code -debugexclude}, {@code -loglevel}, {@code -logips}, {@code -shrinkdebugfile}. Immutable.
 *
 * @param debugLogFile absolute path of debug.log, empty with {@code -nodebuglogfile}
 * @param debugCategories categories logged at their debug level (after {@code -debugexclude})
 * @param debugLevel the level of enabled categories ({@code -loglevel=<level>}, default debug)
 * @param categoryLevels per-category overrides ({@code -loglevel=net:trace})
 * @param shrinkDebugFile {@code -shrinkdebugfile}: cut debug.log to its last 10 MB at start-up when it
 *                        has grown past 11 MB (default on unless a {@code -debug} category is enabled)
 */
public record LoggingOptions(boolean printToConsole, Optional<Path> debugLogFile, boolean logTimestamps,
                             Set<LogCategory> debugCategories, LogLevel debugLevel,
                             Map<LogCategory, LogLevel> categoryLevels, boolean logIps,
                             boolean shrinkDebugFile) {
    public LoggingOptions {
        debugCategories = Set.copyOf(debugCategories);
        categoryLevels = Map.copyOf(categoryLevels);
    }

    /** The level a category's logger gets: its debug level if enabled, else info (lifecycle events only). */
    public LogLevel levelOf(LogCategory category) {
        if (!debugCategories.contains(category)) {
            return LogLevel.INFO;
        }
        return categoryLevels.getOrDefault(category, debugLevel);
    }
}
