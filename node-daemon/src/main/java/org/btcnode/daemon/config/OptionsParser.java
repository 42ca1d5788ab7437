package org.btcnode.daemon.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.params.Chain;
import org.btcnode.net.connman.WhitebindEntry;
import org.btcnode.net.connman.WhitelistEntry;

import static org.btcnode.daemon.config.ConfigException.Kind.BAD_VALUE;
import static org.btcnode.daemon.config.ConfigException.Kind.CONFIG_FILE;
import static org.btcnode.daemon.config.ConfigException.Kind.DATADIR;
import static org.btcnode.daemon.config.ConfigException.Kind.INVALID_PARAMETER;

/**
 * Turns the command line and bitcoin.conf into {@link NodeOptions}, following Core's
 * {@code ArgsManager} ({@code common/args.cpp}, {@code common/config.cpp}), {@code common/init.cpp}
 * {@code InitConfig} and the checks of {@code init.cpp}; error texts are Core's (with "btcnode"
 * for "Bitcoin Core"). Stateless; reads files, never writes them.
 */
public final class OptionsParser {
    /** common/args.cpp: BITCOIN_CONF_FILENAME, kept so a Core config file can be reused. */
    public static final String CONF_FILENAME = "bitcoin.conf";
    /** Core's is bitcoind.pid; ours is named after our daemon. */
    public static final String PID_FILENAME = "btcnoded.pid";
    /** logging.cpp: DEFAULT_DEBUGLOGFILE. */
    public static final String DEBUG_LOG_FILENAME = "debug.log";
    /** Deliberately not Core's ~/.bitcoin: btcnode must never share a datadir with a Core install. */
    public static final String DEFAULT_DATADIR_NAME = ".btcnode";
    /** logging.h: DEFAULT_LOGTIMESTAMPS. */
    public static final boolean DEFAULT_LOGTIMESTAMPS = true;
    /** logging.h: DEFAULT_LOGIPS. */
    public static final boolean DEFAULT_LOGIPS = false;

    private static final Set<String> KNOWN_SECTIONS = Set.of("main", "test", "testnet4", "signet", "regtest");
    private static final String CMDLINE_ERROR = "Error parsing command line arguments: ";
    private static final String CONFIG_ERROR = "Error reading configuration file: ";

    private OptionsParser() {
    }

    /** The command line alone, parsed: enough to answer {@code -help} and {@code -version}. Immutable. */
    public static final class CommandLine {
        private final Settings settings;
        private final List<String> warnings;
        private final List<String> arguments;

        private CommandLine(Settings settings, List<String> warnings, List<String> arguments) {
            this.settings = settings;
            this.warnings = List.copyOf(warnings);
            this.arguments = List.copyOf(arguments);
        }

        Settings settings() {
            return settings;
        }

        /** btcnode-cli: the tokens after the options (the RPC method and its parameters). */
        List<String> arguments() {
            return arguments;
        }

        public boolean helpRequested() {
            return settings.isSet(Option.HELP) || settings.isSet(Option.H) || settings.isSet(Option.QUESTION_MARK);
        }

        public boolean versionRequested() {
            return settings.isSet(Option.VERSION);
        }
    }

    /** A key with its section and negation split off, as Core's {@code KeyInfo}. */
    private record KeyInfo(String section, String name, boolean negated) {
        static KeyInfo of(String key) {
            String section = "";
            int dot = key.indexOf('.');
            if (dot >= 0) {
                section = key.substring(0, dot);
                key = key.substring(dot + 1);
            }
            boolean negated = key.startsWith("no");
            return new KeyInfo(section, negated ? key.substring(2) : key, negated);
        }
    }

    /** What parsing collects besides values. */
    static final class Notes {
        final List<String> warnings = new ArrayList<>();
        final List<String> log = new ArrayList<>();
    }

    /** Parses the command line and bitcoin.conf; {@code home} holds the default datadir. */
    public static NodeOptions parse(List<String> argv, Path home) throws ConfigException {
        return resolve(parseCommandLine(argv), home);
    }

    /** Core's {@code ParseParameters}: every argument must be a known {@code -option[=value]}. */
    public static CommandLine parseCommandLine(List<String> argv) throws ConfigException {
        return parseCommandLine(argv, Program.DAEMON);
    }

    /**
     * Core's {@code ParseParameters} for {@code program}; btcnode-cli stops at the first token
     * without a dash (the RPC method), as bitcoin-cli does, and keeps the rest as arguments.
     */
    static CommandLine parseCommandLine(List<String> argv, Program program) throws ConfigException {
        Map<String, List<SettingValue>> values = new LinkedHashMap<>();
        Notes notes = new Notes();
        List<String> arguments = List.of();
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (arg.equals("-") || program == Program.CLI && !arg.startsWith("-")) {
                if (program == Program.CLI) {
                    // bitcoin-cli.cpp CommandLineRPC: switches before the method are skipped
                    int first = arg.equals("-") ? i + 1 : i;
                    while (first < argv.size() && argv.get(first).startsWith("-")) {
                        first++;
                    }
                    arguments = argv.subList(first, argv.size());
                }
                break;
            }
            String key = arg;
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (key.isEmpty() || key.charAt(0) != '-') {
                // bitcoind.cpp: loose tokens are an error (there is no RPC client in the daemon)
                throw new ConfigException(INVALID_PARAMETER, "Command line contains unexpected token '" + arg
                        + "', see btcnoded -h for a list of options.");
            }
            if (key.length() > 1 && key.charAt(1) == '-') {
                key = key.substring(1);     // --foo is -foo
            }
            KeyInfo info = KeyInfo.of(key.substring(1));
            Optional<OptionSpec> option = program.option(info.name());
            if (option.isEmpty() || !info.section().isEmpty()) {
                throw new ConfigException(INVALID_PARAMETER, CMDLINE_ERROR + "Invalid parameter " + arg);
            }
            SettingValue v = interpretValue(info, value, option.get(), CMDLINE_ERROR, notes);
            values.computeIfAbsent(info.name(), k -> new ArrayList<>()).add(v);
        }
        List<SettingValue> includes = values.get(Option.INCLUDECONF.optionName());
        if (includes != null && !includes.get(includes.size() - 1).isFalse()) {
            int live = 0;
            for (int i = includes.size(); i > 0; i--) {
                if (includes.get(i - 1).isFalse()) {
                    live = i;
                    break;
                }
            }
            throw new ConfigException(INVALID_PARAMETER, CMDLINE_ERROR
                    + "-includeconf cannot be used from commandline; -includeconf=" + includes.get(live).json());
        }
        return new CommandLine(new Settings(values, Map.of()), notes.warnings, arguments);
    }

    /** Core's {@code InterpretValue}: negation and elision rules. */
    private static SettingValue interpretValue(KeyInfo key, String value, OptionSpec option, String context, Notes notes)
            throws ConfigException {
        if (key.negated()) {
            if (option.has(Option.Flag.DISALLOW_NEGATION)) {
                throw new ConfigException(INVALID_PARAMETER, context + "Negating of -" + key.name()
                        + " is meaningless and therefore forbidden");
            }
            if (value != null && !interpretBoolLenient(value)) {
                notes.warnings.add("Parsed potentially confusing double-negative -" + key.name() + "=" + value);
                return SettingValue.DOUBLE_NEGATIVE;
            }
            return SettingValue.NEGATED;
        }
        if (value == null && option.has(Option.Flag.DISALLOW_ELISION)) {
            throw new ConfigException(INVALID_PARAMETER, context + "Can not set -" + key.name()
                    + " with no value. Please specify value with -" + key.name() + "=value.");
        }
        return SettingValue.of(value == null ? "" : value);
    }

    /** Core's InterpretBool, only where Core uses it before we can report errors (double negatives). */
    private static boolean interpretBoolLenient(String value) {
        if (value.isEmpty()) {
            return true;
        }
        int i = 0;
        if (value.charAt(0) == '-' || value.charAt(0) == '+') {
            i = 1;
        }
        for (; i < value.length() && Character.isDigit(value.charAt(i)); i++) {
            if (value.charAt(i) != '0') {
                return true;
            }
        }
        return false;
    }

    /** {@code InitConfig} and {@code InitParameterInteraction}, then every value checked and typed. */
    public static NodeOptions resolve(CommandLine commandLine, Path home) throws ConfigException {
        Notes notes = new Notes();
        notes.warnings.addAll(commandLine.warnings);
        Configured configured = readConfiguration(commandLine, home, Program.DAEMON, notes);
        Settings settings = configured.settings();
        Chain chain = configured.chain();
        Path baseDir = configured.baseDir();
        List<ConfigFileParser.SectionInfo> sections = configured.sections();
        for (ConfigFileParser.SectionInfo s : sections) {
            if (!KNOWN_SECTIONS.contains(s.name())) {
                notes.warnings.add(s.file() + ":" + s.line() + " Section [" + s.name() + "] is not recognized.");
            }
        }
        if (chain != Chain.MAIN) {
            for (Option o : Option.values()) {
                if (o.has(Option.Flag.NETWORK_ONLY) && onlyInDefaultSection(settings, o)) {
                    notes.warnings.add("Config setting for -" + o.optionName() + " only applied on " + chain.section()
                            + " network when in [" + chain.section() + "] section.");
                }
            }
        }
        logArgs(settings, notes);
        settings = parameterInteraction(settings, notes);

        Path chainDir = configured.chainDataDir();
        Optional<Path> pidFile = settings.isNegated(Option.PID) ? Optional.empty()
                : Optional.of(toPath(chainDir, settings.getString(Option.PID).filter(s -> !s.isEmpty()).orElse(PID_FILENAME)));
        boolean daemon = bool(settings, Option.DAEMON, false) || bool(settings, Option.DAEMONWAIT, false);

        return new NodeOptions(chain, baseDir, chainDir, configured.defaultDataDir(), configured.configFile(), pidFile,
                daemon, logging(settings, chainDir, daemon), network(settings, chain), rpc(settings, chain, chainDir),
                metrics(settings, chain),
                settings.getList(Option.STARTUPNOTIFY), settings.getList(Option.SHUTDOWNNOTIFY),
                notes.warnings, notes.log);
    }

    /** The command line and the config files merged, the data directory and chain chosen (Core's {@code InitConfig}). */
    record Configured(Settings settings, Chain chain, Path baseDir, Path defaultDataDir, Optional<Path> configFile,
                      List<ConfigFileParser.SectionInfo> sections) {
        /** The chain's directory: the data directory itself for mainnet, else its sub-directory ({@code regtest}). */
        Path chainDataDir() {
            return chain.dataDirName().isEmpty() ? baseDir : baseDir.resolve(chain.dataDirName());
        }
    }

    static Configured readConfiguration(CommandLine commandLine, Path home, Program program, Notes notes)
            throws ConfigException {
        Settings settings = commandLine.settings;
        Path defaultDataDir = home.resolve(DEFAULT_DATADIR_NAME).toAbsolutePath().normalize();

        Optional<String> datadirArg = settings.getString(Option.DATADIR).filter(s -> !s.isEmpty());
        if (datadirArg.isPresent() && !Files.isDirectory(toPath(datadirArg.get()))) {
            throw new ConfigException(DATADIR, "Specified data directory \"" + datadirArg.get() + "\" does not exist.");
        }
        Path baseDir = datadirArg.isPresent() ? toPath(datadirArg.get()) : defaultDataDir;

        Optional<Path> configFile = Optional.empty();
        List<ConfigFileParser.SectionInfo> sections = new ArrayList<>();
        if (!settings.isNegated(Option.CONF)) {
            String conf = settings.getString(Option.CONF).filter(s -> !s.isEmpty()).orElse(CONF_FILENAME);
            Path confPath = toPath(baseDir, conf);
            configFile = Optional.of(confPath);
            settings = readConfigFiles(settings, confPath, baseDir, sections, program, notes);
        }

        Optional<String> finalDatadirArg = settings.getString(Option.DATADIR).filter(s -> !s.isEmpty());
        if (finalDatadirArg.isPresent() && !finalDatadirArg.equals(datadirArg)) {
            if (!Files.isDirectory(toPath(finalDatadirArg.get()))) {
                throw new ConfigException(DATADIR, CONFIG_ERROR + "specified data directory \""
                        + finalDatadirArg.get() + "\" does not exist.");
            }
            baseDir = toPath(finalDatadirArg.get());
        }

        Chain chain = selectChain(settings);
        settings = settings.withNetwork(chain.section());
        return new Configured(settings, chain, baseDir, defaultDataDir, configFile, sections);
    }

    private static Path toPath(String value) throws ConfigException {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(DATADIR, "Invalid path: \"" + value + "\"");
        }
    }

    /** Core's {@code AbsPathForConfigVal}: relative paths hang off {@code base}. */
    static Path toPath(Path base, String value) throws ConfigException {
        try {
            Path p = Path.of(value);
            return (p.isAbsolute() ? p : base.resolve(p)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(BAD_VALUE, "Invalid path: \"" + value + "\"");
        }
    }

    // ---- config files (common/config.cpp ReadConfigFiles) ----

    private static Settings readConfigFiles(Settings settings, Path confPath, Path baseDir,
                                            List<ConfigFileParser.SectionInfo> sections, Program program, Notes notes)
            throws ConfigException {
        Map<String, Map<String, List<SettingValue>>> config = new LinkedHashMap<>();
        if (Files.isDirectory(confPath)) {
            throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + "Config file \"" + confPath + "\" is a directory.");
        }
        Optional<String> text = readText(confPath);
        if (text.isEmpty()) {
            if (settings.isSet(Option.CONF)) {
                throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + "specified config file \"" + confPath
                        + "\" could not be opened.");
            }
            return settings;        // ok to not have a config file
        }
        readConfigText(text.get(), confPath.toString(), config, sections, program, notes);
        // -noincludeconf on the command line: no included files at all
        if (settings.commandLine().containsKey(Option.INCLUDECONF.optionName())) {
            return settings.withConfig(config);
        }
        String chainId = chainTypeString(settings.withConfig(config));
        List<String> names = new ArrayList<>();
        int chainIncludes = addIncludes(config, chainId, 0, names);
        int defaultIncludes = addIncludes(config, "", 0, names);
        for (String name : names) {
            Path include = toPath(baseDir, name);
            if (Files.isDirectory(include)) {
                throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + "Included config file \"" + include + "\" is a directory.");
            }
            Optional<String> included = readText(include);
            if (included.isEmpty()) {
                throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + "Failed to include configuration file " + name);
            }
            readConfigText(included.get(), name, config, sections, program, notes);
            notes.log.add("Included configuration file " + name);
        }
        // Core reads includes one level deep: an includeconf inside an included file (and so any
        // include loop) is ignored with a warning.
        names.clear();
        addIncludes(config, chainId, chainIncludes, names);
        addIncludes(config, "", defaultIncludes, names);
        String chainIdFinal = chainTypeString(settings.withConfig(config));
        if (!chainIdFinal.equals(chainId)) {
            addIncludes(config, chainIdFinal, 0, names);
        }
        for (String name : names) {
            notes.warnings.add("-includeconf cannot be used from included files; ignoring -includeconf=" + name);
        }
        return settings.withConfig(config);
    }

    private static int addIncludes(Map<String, Map<String, List<SettingValue>>> config, String section, int skip,
                                   List<String> names) {
        List<SettingValue> values = config.getOrDefault(section, Map.of()).get(Option.INCLUDECONF.optionName());
        if (values == null) {
            return 0;
        }
        int negated = 0;
        for (int i = values.size(); i > 0; i--) {
            if (values.get(i - 1).isFalse()) {
                negated = i;
                break;
            }
        }
        for (int i = Math.max(skip, negated); i < values.size(); i++) {
            names.add(values.get(i).asString());
        }
        return values.size();
    }

    private static Optional<String> readText(Path path) {
        try {
            return Optional.of(new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Core's {@code ReadConfigStream} with {@code ignore_invalid_keys} (bitcoind's choice): unknown keys warn. */
    private static void readConfigText(String text, String file, Map<String, Map<String, List<SettingValue>>> config,
                                       List<ConfigFileParser.SectionInfo> sections, Program program, Notes notes)
            throws ConfigException {
        ConfigFileParser.Parsed parsed;
        try {
            parsed = ConfigFileParser.parse(text, file);
        } catch (ConfigException e) {
            throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + e.getMessage());
        }
        sections.addAll(parsed.sections());
        for (ConfigFileParser.Entry entry : parsed.entries()) {
            KeyInfo key = KeyInfo.of(entry.key());
            if (key.name().equals(Option.CONF.optionName())) {
                throw new ConfigException(CONFIG_FILE, CONFIG_ERROR + "conf cannot be set in the configuration file;"
                        + " use includeconf= if you want to include additional config files");
            }
            Optional<OptionSpec> option = program.option(key.name());
            if (option.isEmpty()) {
                if (program.otherKnows(key.name())) {
                    // a bitcoin.conf shared by btcnoded and btcnode-cli (rpcconnect=…): Core only logs these
                    notes.log.add("Ignoring unknown configuration value " + entry.key());
                } else {
                    notes.warnings.add("Ignoring unknown configuration value " + entry.key());
                }
                continue;
            }
            SettingValue value = interpretValue(key, entry.value(), option.get(), CONFIG_ERROR, notes);
            config.computeIfAbsent(key.section(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(key.name(), n -> new ArrayList<>()).add(value);
        }
    }

    // ---- chain selection (common/args.cpp GetChainArg) ----

    private static String chainTypeString(Settings settings) throws ConfigException {
        boolean regtest = chainSwitch(settings, Option.REGTEST);
        boolean signet = chainSwitch(settings, Option.SIGNET);
        boolean testnet = chainSwitch(settings, Option.TESTNET);
        boolean testnet4 = chainSwitch(settings, Option.TESTNET4);
        Optional<String> chainArg = settings.getString(Option.CHAIN);
        int count = (chainArg.isPresent() ? 1 : 0) + (regtest ? 1 : 0) + (signet ? 1 : 0) + (testnet ? 1 : 0)
                + (testnet4 ? 1 : 0);
        if (count > 1) {
            throw new ConfigException(BAD_VALUE,
                    "Invalid combination of -regtest, -signet, -testnet, -testnet4 and -chain. Can use at most one.");
        }
        if (chainArg.isPresent()) {
            return chainArg.get();
        }
        Chain chain = regtest ? Chain.REGTEST : signet ? Chain.SIGNET : testnet ? Chain.TESTNET3
                : testnet4 ? Chain.TESTNET4 : Chain.MAIN;
        return chain.id();
    }

    static Chain selectChain(Settings settings) throws ConfigException {
        String id = chainTypeString(settings);
        Optional<Chain> chain = Chain.fromId(id);
        if (chain.isEmpty()) {
            throw new ConfigException(BAD_VALUE, "Unknown chain " + id + ".");
        }
        return chain.get();
    }

    private static boolean chainSwitch(Settings settings, Option option) throws ConfigException {
        Optional<SettingValue> v = settings.getChainSwitch(option);
        return v.isPresent() && toBool(option, v.get());
    }

    private static boolean onlyInDefaultSection(Settings settings, Option option) {
        String name = option.optionName();
        boolean other = settings.commandLine().containsKey(name)
                || !settings.configValues(settings.network(), name).isEmpty();
        return !settings.configValues("", name).isEmpty() && !other;
    }

    // ---- init.cpp InitParameterInteraction ----

    private static Settings parameterInteraction(Settings settings, Notes notes) throws ConfigException {
        if (settings.isSet(Option.BIND)) {
            Optional<Settings> s = settings.softSet(Option.LISTEN, "1");
            if (s.isPresent()) {
                settings = s.get();
                notes.log.add("parameter interaction: -bind set -> setting -listen=1");
            }
        }
        if (settings.isSet(Option.CONNECT) || integer(settings, Option.MAXCONNECTIONS,
                NetworkOptions.DEFAULT_MAX_PEER_CONNECTIONS) <= 0) {
            // when only connecting to trusted nodes, do not seed via DNS, or listen by default
            Optional<Settings> s = settings.softSet(Option.DNSSEED, "0");
            if (s.isPresent()) {
                settings = s.get();
                notes.log.add("parameter interaction: -connect or -maxconnections=0 set -> setting -dnsseed=0");
            }
            s = settings.softSet(Option.LISTEN, "0");
            if (s.isPresent()) {
                settings = s.get();
                notes.log.add("parameter interaction: -connect or -maxconnections=0 set -> setting -listen=0");
            }
        }
        return settings;
    }

    /** ArgsManager::LogArgs: every argument, secrets as "****", config sections first. */
    private static void logArgs(Settings settings, Notes notes) {
        Map<String, Map<String, List<SettingValue>>> config = new TreeMap<>(settings.config());
        config.forEach((section, values) -> logArgsPrefix("Config file arg:", section, values, notes));
        logArgsPrefix("Command-line arg:", "", settings.commandLine(), notes);
    }

    private static void logArgsPrefix(String prefix, String section, Map<String, List<SettingValue>> args, Notes notes) {
        String sectionText = section.isEmpty() ? "" : "[" + section + "] ";
        new TreeMap<>(args).forEach((name, values) -> {
            Optional<Option> option = Option.byName(name);
            if (option.isEmpty()) {
                return;
            }
            for (SettingValue v : values) {
                String shown = option.get().has(Option.Flag.SENSITIVE) ? "****" : v.json();
                notes.log.add(prefix + " " + sectionText + name + "=" + shown);
            }
        });
    }

    // ---- typed values ----

    /**
     * A boolean option. Core reads any text with atoi ("true" silently means 0); we accept only
     * "" and integers and stop on anything else, so a typo cannot flip a switch.
     */
    static boolean bool(Settings settings, OptionSpec option, boolean defaultValue) throws ConfigException {
        Optional<SettingValue> v = settings.get(option);
        return v.isEmpty() ? defaultValue : toBool(option, v.get());
    }

    private static boolean toBool(OptionSpec option, SettingValue v) throws ConfigException {
        return switch (v.type()) {
            case FALSE -> false;
            case TRUE -> true;
            case STRING -> {
                String s = v.text();
                if (s.isEmpty()) {
                    yield true;
                }
                if (!s.matches("[+-]?[0-9]{1,18}")) {
                    throw new ConfigException(BAD_VALUE, "Invalid value for -" + option.optionName() + ": '" + s
                            + "' (use 1 or 0)");
                }
                yield Long.parseLong(s) != 0;
            }
        };
    }

    /** An integer option; Core's atoi reads "ten" as 0, we refuse it. */
    static long integer(Settings settings, OptionSpec option, long defaultValue) throws ConfigException {
        Optional<String> v = settings.getString(option);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get();
        if (!s.matches("[+-]?[0-9]{1,18}")) {
            throw new ConfigException(BAD_VALUE, "Invalid value for -" + option.optionName() + ": '" + s
                    + "' (an integer is required)");
        }
        return Long.parseLong(s);
    }

    /** init.cpp: -port/-rpcport must be 1..65535 ("Invalid port specified in -port: '…'"). */
    private static int port(Settings settings, OptionSpec option, int defaultPort) throws ConfigException {
        Optional<String> v = settings.getString(option);
        if (v.isEmpty()) {
            return defaultPort;
        }
        OptionalInt n = HostPort.parsePort(v.get());
        if (n.isEmpty() || n.getAsInt() == 0) {
            throw invalidPort(option, v.get());
        }
        return n.getAsInt();
    }

    private static ConfigException invalidPort(OptionSpec option, String value) {
        return new ConfigException(BAD_VALUE, "Invalid port specified in -" + option.optionName() + ": '" + value + "'");
    }

    /** Peers given by address or name, an optional port each ({@code -connect}, {@code -addnode}, {@code -seednode}). */
    private static List<HostPort> hosts(Option option, List<String> values) throws ConfigException {
        List<HostPort> out = new ArrayList<>();
        for (String value : values) {
            out.add(host(option, value));
        }
        return out;
    }

    private static HostPort host(Option option, String value) throws ConfigException {
        Optional<HostPort> hp = HostPort.split(value);
        if (hp.isEmpty()) {
            if (value.isEmpty() || value.startsWith(":") || value.startsWith("[]")) {
                throw new ConfigException(BAD_VALUE, "Invalid -" + option.optionName() + " address or hostname: '" + value + "'");
            }
            throw invalidPort(option, value);
        }
        if (!IpLiteral.isHost(hp.get().host())) {
            throw new ConfigException(BAD_VALUE, "Invalid -" + option.optionName() + " address or hostname: '" + value + "'");
        }
        return hp.get();
    }

    private static LoggingOptions logging(Settings settings, Path chainDir, boolean daemon) throws ConfigException {
        Optional<Path> debugLog = settings.isNegated(Option.DEBUGLOGFILE) ? Optional.empty()
                : Optional.of(toPath(chainDir, settings.getString(Option.DEBUGLOGFILE).filter(s -> !s.isEmpty())
                        .orElse(DEBUG_LOG_FILENAME)));
        // init/common.cpp SetLoggingCategories: -debug=0/none wins over every other -debug value
        Set<LogCategory> categories = EnumSet.noneOf(LogCategory.class);
        if (settings.isSet(Option.DEBUG)) {
            List<String> values = settings.getList(Option.DEBUG);
            if (values.stream().noneMatch(v -> v.equals("0") || v.equals("none"))) {
                for (String v : values) {
                    categories.addAll(categoriesOf(Option.DEBUG, v));
                }
            }
        }
        for (String v : settings.getList(Option.DEBUGEXCLUDE)) {
            categories.removeAll(categoriesOf(Option.DEBUGEXCLUDE, v));
        }
        LogLevel debugLevel = LogLevel.DEBUG;
        Map<LogCategory, LogLevel> categoryLevels = new EnumMap<>(LogCategory.class);
        for (String v : settings.getList(Option.LOGLEVEL)) {
            int colon = v.indexOf(':', Math.min(3, v.length()));
            if (colon < 0) {
                debugLevel = LogLevel.fromId(v).orElseThrow(() -> new ConfigException(BAD_VALUE,
                        "Unsupported global logging level -loglevel=" + v + ". Valid values: " + LogLevel.idList() + "."));
            } else {
                String[] parts = v.split(":", -1);
                Optional<LogCategory> category = parts.length == 2 ? LogCategory.fromId(parts[0]) : Optional.empty();
                Optional<LogLevel> level = parts.length == 2 ? LogLevel.fromId(parts[1]) : Optional.empty();
                if (category.isEmpty() || level.isEmpty()) {
                    throw new ConfigException(BAD_VALUE, "Unsupported category-specific logging level -loglevel=" + v
                            + ". Expected -loglevel=<category>:<loglevel>. Valid categories: " + LogCategory.idList()
                            + ". Valid loglevels: " + LogLevel.idList() + ".");
                }
                categoryLevels.put(category.get(), level.get());
            }
        }
        return new LoggingOptions(bool(settings, Option.PRINTTOCONSOLE, !daemon), debugLog,
                bool(settings, Option.LOGTIMESTAMPS, DEFAULT_LOGTIMESTAMPS), categories, debugLevel, categoryLevels,
                bool(settings, Option.LOGIPS, DEFAULT_LOGIPS),
                // logging.cpp DefaultShrinkDebugFile: only when no category is enabled
                bool(settings, Option.SHRINKDEBUGFILE, categories.isEmpty()));
    }

    /** logging.cpp GetLogCategory: "", "1" and "all" mean every category. */
    private static Set<LogCategory> categoriesOf(Option option, String value) throws ConfigException {
        if (value.isEmpty() || value.equals("1") || value.equals("all")) {
            return EnumSet.allOf(LogCategory.class);
        }
        return EnumSet.of(LogCategory.fromId(value).orElseThrow(() -> new ConfigException(BAD_VALUE,
                "Unsupported logging category -" + option.optionName() + "=" + value + ".")));
    }

    private static NetworkOptions network(Settings settings, Chain chain) throws ConfigException {
        int port = port(settings, Option.PORT, chain.defaultPort());
        List<BindAddress> binds = new ArrayList<>();
        for (String value : settings.getList(Option.BIND)) {
            binds.add(bindAddress(value));
        }
        boolean listen = bool(settings, Option.LISTEN, NetworkOptions.DEFAULT_LISTEN);
        if (!listen && settings.isSet(Option.BIND)) {
            throw new ConfigException(BAD_VALUE, "Cannot set -bind or -whitebind together with -listen=0");
        }
        // net.cpp/init.cpp: "-connect=0" alone means no automatic connections and no listed peers
        List<String> connectValues = settings.getList(Option.CONNECT);
        List<HostPort> connect = connectValues.equals(List.of("0")) ? List.of() : hosts(Option.CONNECT, connectValues);
        long maxConnections = integer(settings, Option.MAXCONNECTIONS, NetworkOptions.DEFAULT_MAX_PEER_CONNECTIONS);
        if (maxConnections < 0) {
            throw new ConfigException(BAD_VALUE, "-maxconnections must be greater or equal than zero");
        }
        // net.cpp: negative buffer sizes are clamped to 0 by Core; we refuse them, like maxconnections
        long receiveBuffer = integer(settings, Option.MAXRECEIVEBUFFER, NetworkOptions.DEFAULT_MAXRECEIVEBUFFER);
        long sendBuffer = integer(settings, Option.MAXSENDBUFFER, NetworkOptions.DEFAULT_MAXSENDBUFFER);
        for (Option o : List.of(Option.MAXRECEIVEBUFFER, Option.MAXSENDBUFFER)) {
            long v = o == Option.MAXRECEIVEBUFFER ? receiveBuffer : sendBuffer;
            if (v < 1 || v > Long.MAX_VALUE / 1000) {
                throw new ConfigException(BAD_VALUE, "-" + o.optionName() + " must be a positive number of kilobytes");
            }
        }
        // init.cpp: "peertimeout must be a positive integer."
        long peerTimeout = integer(settings, Option.PEERTIMEOUT, NetworkOptions.DEFAULT_PEER_CONNECT_TIMEOUT);
        if (peerTimeout <= 0) {
            throw new ConfigException(BAD_VALUE, "peertimeout must be a positive integer.");
        }
        // net_permissions.cpp: the permission prefixes and addresses are checked now, with Core's texts
        try {
            settings.getList(Option.WHITELIST).forEach(WhitelistEntry::parse);
            settings.getList(Option.WHITEBIND).forEach(WhitebindEntry::parse);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(BAD_VALUE, e.getMessage());
        }
        if (!listen && settings.isSet(Option.WHITEBIND)) {
            throw new ConfigException(BAD_VALUE, "Cannot set -bind or -whitebind together with -listen=0");
        }
        long banTime = integer(settings, Option.BANTIME, NetworkOptions.DEFAULT_MISBEHAVING_BANTIME);
        if (banTime <= 0) {
            throw new ConfigException(BAD_VALUE, "-bantime must be a positive number of seconds");
        }
        boolean dnsSeed = bool(settings, Option.DNSSEED, NetworkOptions.DEFAULT_DNSSEED);
        boolean forceDnsSeed = bool(settings, Option.FORCEDNSSEED, NetworkOptions.DEFAULT_FORCEDNSSEED);
        if (forceDnsSeed && !dnsSeed) {
            // init.cpp AppInitParameterInteraction
            throw new ConfigException(BAD_VALUE, "Cannot set -forcednsseed to true when setting -dnsseed to false.");
        }
        Optional<HostPort> dnsSeedResolver = dnsSeedResolver(settings);
        return new NetworkOptions(port, binds, listen, connect, !settings.isSet(Option.CONNECT),
                hosts(Option.ADDNODE, settings.getList(Option.ADDNODE)),
                hosts(Option.SEEDNODE, settings.getList(Option.SEEDNODE)),
                (int) Math.min(Integer.MAX_VALUE, maxConnections),
                dnsSeed,
                bool(settings, Option.FIXEDSEEDS, NetworkOptions.DEFAULT_FIXEDSEEDS),
                bool(settings, Option.V2TRANSPORT, NetworkOptions.DEFAULT_V2_TRANSPORT),
                receiveBuffer * 1000, sendBuffer * 1000, Duration.ofSeconds(peerTimeout), Duration.ofSeconds(banTime),
                settings.getList(Option.WHITELIST), settings.getList(Option.WHITEBIND),
                forceDnsSeed, dnsSeedResolver, maxUploadTarget(settings));
    }

    /**
     * init.cpp: -maxuploadtarget through util/strencodings.cpp ParseByteUnits, mebibytes unless a
     * suffix says otherwise (k, m, g, t: powers of 1000; K, M, G, T: powers of 1024); Core's
     * "Unable to parse -maxuploadtarget: '…'" with the form that is expected.
     */
    private static long maxUploadTarget(Settings settings) throws ConfigException {
        Optional<String> v = settings.getString(Option.MAXUPLOADTARGET);
        if (v.isEmpty()) {
            return NetworkOptions.DEFAULT_MAX_UPLOAD_TARGET;
        }
        OptionalLong bytes = parseByteUnits(v.get(), 1L << 20);
        if (bytes.isEmpty()) {
            throw new ConfigException(BAD_VALUE, "Unable to parse -maxuploadtarget: '" + v.get() + "' (a whole "
                    + "number with an optional unit k, K, m, M, g, G, t or T is required; M if none)");
        }
        return bytes.getAsLong();
    }

    /**
     * util/strencodings.cpp ParseByteUnits: digits with an optional one-letter unit; empty when
     * not of that form or above 2^63 − 1 bytes (Core's limit is 2^64 − 1; ours fits a long).
     */
    static OptionalLong parseByteUnits(String value, long defaultMultiplier) {
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        long multiplier = switch (value.charAt(value.length() - 1)) {
            case 'k' -> 1_000L;
            case 'K' -> 1L << 10;
            case 'm' -> 1_000_000L;
            case 'M' -> 1L << 20;
            case 'g' -> 1_000_000_000L;
            case 'G' -> 1L << 30;
            case 't' -> 1_000_000_000_000L;
            case 'T' -> 1L << 40;
            default -> 0;
        };
        String digits = multiplier == 0 ? value : value.substring(0, value.length() - 1);
        multiplier = multiplier == 0 ? defaultMultiplier : multiplier;
        if (!digits.matches("[0-9]+")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(digits), multiplier));
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();                 // too large
        }
    }

    /**
     * -dnsseedresolver (btcnode only): a numeric IPv4 or IPv6 address with an optional port; a
     * name is refused, since finding the resolver must not need a resolver.
     */
    private static Optional<HostPort> dnsSeedResolver(Settings settings) throws ConfigException {
        Optional<String> v = settings.getString(Option.DNSSEEDRESOLVER);
        if (v.isEmpty() || v.get().isEmpty() || settings.isNegated(Option.DNSSEEDRESOLVER)) {
            return Optional.empty();
        }
        Optional<HostPort> hp = HostPort.split(v.get());
        if (hp.isEmpty() || !IpLiteral.isIp(hp.get().host())) {
            throw new ConfigException(BAD_VALUE, "Invalid -dnsseedresolver address: '" + v.get()
                    + "' (a numeric IP address with an optional port is required)");
        }
        return hp;
    }

    /** init.cpp: "-bind=<addr>[:<port>][=onion]", numeric addresses only (no DNS). */
    private static BindAddress bindAddress(String value) throws ConfigException {
        String address = value;
        boolean onion = false;
        int eq = value.lastIndexOf('=');
        if (eq >= 0) {
            if (!value.substring(eq + 1).equals("onion")) {
                throw cannotResolveBind(value);
            }
            address = value.substring(0, eq);
            onion = true;
        }
        Optional<HostPort> hp = HostPort.split(address);
        if (hp.isEmpty() || !IpLiteral.isIp(hp.get().host())) {
            throw cannotResolveBind(value);
        }
        return new BindAddress(hp.get(), onion);
    }

    private static ConfigException cannotResolveBind(String value) {
        return new ConfigException(BAD_VALUE, "Cannot resolve -bind address: '" + value + "'");
    }

    private static RpcOptions rpc(Settings settings, Chain chain, Path chainDir) throws ConfigException {
        List<HostPort> rpcBind = new ArrayList<>();
        for (String value : settings.getList(Option.RPCBIND)) {
            Optional<HostPort> hp = HostPort.split(value);
            if (hp.isEmpty()) {
                throw invalidPort(Option.RPCBIND, value);
            }
            if (!IpLiteral.isHost(hp.get().host())) {
                throw new ConfigException(BAD_VALUE, "Invalid -rpcbind address or hostname: '" + value + "'");
            }
            rpcBind.add(hp.get());
        }
        List<String> rpcAuth = new ArrayList<>();
        for (String value : settings.getList(Option.RPCAUTH)) {
            if (value.isEmpty()) {
                continue;
            }
            String[] fields = value.split(":", -1);
            String[] saltHmac = fields[fields.length - 1].split("\\$", -1);
            // httprpc.cpp: exactly <user>:<salt>$<hash>
            if (fields.length != 2 || saltHmac.length != 2) {
                throw new ConfigException(BAD_VALUE, "Invalid -rpcauth argument.");
            }
            rpcAuth.add(value);
        }
        List<String> allowIp = settings.getList(Option.RPCALLOWIP);
        for (String value : allowIp) {
            if (!IpLiteral.isSubnet(value)) {
                throw new ConfigException(BAD_VALUE, "Invalid -rpcallowip subnet specification: " + value
                        + ". Valid values are a single IP (e.g. 1.2.3.4), a network/netmask (e.g. 1.2.3.4/255.255.255.0),"
                        + " a network/CIDR (e.g. 1.2.3.4/24), all ipv4 (0.0.0.0/0), or all ipv6 (::/0).");
            }
        }
        long threads = integer(settings, Option.RPCTHREADS, RpcOptions.DEFAULT_HTTP_THREADS);
        // httpserver.cpp: at least one queue slot; bounded above so a typo cannot exhaust memory
        long workQueue = integer(settings, Option.RPCWORKQUEUE, RpcOptions.DEFAULT_HTTP_WORKQUEUE);
        // request.cpp GetAuthCookieFile: relative to the chain's datadir; -norpccookiefile: no cookie
        Optional<Path> cookieFile = settings.isNegated(Option.RPCCOOKIEFILE) ? Optional.empty()
                : Optional.of(toPath(chainDir, settings.getString(Option.RPCCOOKIEFILE).filter(s -> !s.isEmpty())
                        .orElse(RpcOptions.COOKIEAUTH_FILE)));
        return new RpcOptions(bool(settings, Option.SERVER, true), rpcBind,
                port(settings, Option.RPCPORT, chain.defaultRpcPort()),
                settings.getString(Option.RPCUSER), settings.getString(Option.RPCPASSWORD), rpcAuth, allowIp,
                (int) Math.max(1, Math.min(threads, 1024)), (int) Math.max(1, Math.min(workQueue, 1_000_000)),
                cookieFile);
    }

    /**
     * -metricsbind (btcnode only): off unless given; a numeric address or {@code localhost}, which
     * must be loopback because the endpoint answers anyone who reaches it (no authentication).
     */
    private static MetricsOptions metrics(Settings settings, Chain chain) throws ConfigException {
        Optional<String> v = settings.getString(Option.METRICSBIND);
        if (v.isEmpty() || settings.isNegated(Option.METRICSBIND)) {
            return MetricsOptions.OFF;
        }
        String value = v.get();
        Optional<HostPort> hp = HostPort.split(value);
        if (hp.isEmpty()) {
            if (value.isEmpty() || value.startsWith(":") || value.startsWith("[]")) {
                throw new ConfigException(BAD_VALUE, "Invalid -metricsbind address: '" + value
                        + "'; give a loopback address such as -metricsbind=127.0.0.1, or -nometricsbind to turn it off.");
            }
            throw invalidPort(Option.METRICSBIND, value);
        }
        String host = hp.get().host();
        boolean localhost = host.equalsIgnoreCase("localhost");
        if (!localhost && !IpLiteral.isIp(host)) {
            throw new ConfigException(BAD_VALUE, "Invalid -metricsbind address: '" + value
                    + "'; give a numeric loopback address such as 127.0.0.1 or [::1] (btcnode does not look up names).");
        }
        if (!localhost && !IpLiteral.isLoopback(host)) {
            throw new ConfigException(BAD_VALUE, "-metricsbind=" + value + " is not a loopback address and the metrics"
                    + " endpoint has no authentication; use -metricsbind=127.0.0.1 (or [::1]) and reach it from other"
                    + " hosts through an SSH tunnel or a reverse proxy.");
        }
        int port = hp.get().portOr(MetricsOptions.defaultPort(chain));
        return new MetricsOptions(Optional.of(new HostPort(host, OptionalInt.of(port))));
    }

    // ---- help ----

    /** The {@code -help} text, grouped as Core's {@code GetHelpMessage}. */
    public static String help(String version) {
        StringBuilder out = new StringBuilder();
        out.append("btcnode daemon version ").append(version).append("\n\n")
                .append("The btcnode daemon (btcnoded) is a Bitcoin P2P node for the JVM.\n\n")
                .append("Usage:  btcnoded [options]                     Start btcnode daemon\n\n");
        for (Option.Group group : Option.Group.values()) {
            if (group == Option.Group.HIDDEN) {
                continue;
            }
            out.append(group.title()).append("\n\n");
            List<Option> options = new ArrayList<>();
            for (Option o : Option.values()) {
                if (o.group() == group) {
                    options.add(o);
                }
            }
            options.sort((a, b) -> a.optionName().compareTo(b.optionName()));
            for (Option o : options) {
                out.append("  -").append(o.optionName()).append(o.helpParam()).append('\n');
                out.append(wrap(o.help() + ".", 72, "       ")).append("\n\n");
            }
        }
        return out.toString();
    }

    static String wrap(String text, int width, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > width) {
                out.append('\n').append(indent);
                column = 0;
            } else if (column > 0) {
                out.append(' ');
                column++;
            }
            out.append(word);
            column += word.length();
        }
        return out.toString();
    }
}
