package org.btcnode.daemon.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.params.Chain;

/**
 * Everything the command line and bitcoin.conf decided, parsed once by {@link OptionsParser}
 * and handed to the daemon's wiring. Immutable.
 *
 * @param dataDir the base data directory (absolute), mainnet's files live here
 * @param chainDataDir the chain's directory: {@code dataDir} itself for mainnet, else a sub-directory
 * @param defaultDataDir {@code ~/.btcnode}, logged at start-up as Core logs its default
 * @param configFile the config file looked at (it may not exist), empty with {@code -noconf}
 * @param pidFile absolute path of the pid file, empty with {@code -nopid}
 * @param daemon {@code -daemon}/{@code -daemonwait}: runs detached (the script forks), no console log by default
 * @param startupNotify {@code -startupnotify} commands, run by /bin/sh once the node runs
 * @param shutdownNotify {@code -shutdownnotify} commands, run by /bin/sh (and waited for) before shutdown
 * @param warnings non-fatal problems, logged and printed as "Warning: …" once logging runs
 * @param startupLog info lines about how the options were read (included files, parameter
 *                   interactions, every argument with secrets masked), logged once logging runs
 */
public record NodeOptions(Chain chain, Path dataDir, Path chainDataDir, Path defaultDataDir,
                          Optional<Path> configFile, Optional<Path> pidFile, boolean daemon,
                          LoggingOptions logging, NetworkOptions network, RpcOptions rpc, MetricsOptions metrics,
                          List<String> startupNotify, List<String> shutdownNotify,
                          List<String> warnings, List<String> startupLog) {
    public NodeOptions {
        startupNotify = List.copyOf(startupNotify);
        shutdownNotify = List.copyOf(shutdownNotify);
        warnings = List.copyOf(warnings);
        startupLog = List.copyOf(startupLog);
    }
}
