package org.btcnode.daemon.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The raw option values from the command line and bitcoin.conf, merged by Core's rules
 * ({@code common/settings.cpp} {@code GetSetting}/{@code GetSettingsList}, {@code common/args.cpp}):
 * soft-set values, then the command line (last value wins), then the chain's section of the config
 * file, then its default section (first value wins in the file); a negation drops what came before
 * it; {@link Option.Flag#NETWORK_ONLY} options are read from the default section only on mainnet.
 * Immutable: the {@code with…} methods return copies. Used only while {@link OptionsParser} runs.
 */
final class Settings {
    /** Where a span of values came from, in priority order. */
    private enum Source { FORCED, COMMAND_LINE, CONFIG_FILE_NETWORK_SECTION, CONFIG_FILE_DEFAULT_SECTION }

    private final Map<String, SettingValue> forced;
    private final Map<String, List<SettingValue>> commandLine;
    private final Map<String, Map<String, List<SettingValue>>> config;
    /** The selected chain's section name, "" before the chain is known. */
    private final String network;

    Settings(Map<String, List<SettingValue>> commandLine, Map<String, Map<String, List<SettingValue>>> config) {
        this(Map.of(), commandLine, config, "");
    }

    private Settings(Map<String, SettingValue> forced, Map<String, List<SettingValue>> commandLine,
                     Map<String, Map<String, List<SettingValue>>> config, String network) {
        this.forced = Map.copyOf(forced);
        this.commandLine = deepCopy(commandLine);
        Map<String, Map<String, List<SettingValue>>> c = new LinkedHashMap<>();
        config.forEach((section, values) -> c.put(section, deepCopy(values)));
        this.config = Collections.unmodifiableMap(c);
        this.network = network;
    }

    private static Map<String, List<SettingValue>> deepCopy(Map<String, List<SettingValue>> in) {
        Map<String, List<SettingValue>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    Settings withNetwork(String section) {
        return new Settings(forced, commandLine, config, section);
    }

    Settings withConfig(Map<String, Map<String, List<SettingValue>>> newConfig) {
        return new Settings(forced, commandLine, newConfig, network);
    }

    /** Core's {@code SoftSetArg}: sets the value only if nothing set it; returns whether it did. */
    Optional<Settings> softSet(OptionSpec option, String value) {
        if (isSet(option)) {
            return Optional.empty();
        }
        Map<String, SettingValue> f = new LinkedHashMap<>(forced);
        f.put(option.optionName(), SettingValue.of(value));
        return Optional.of(new Settings(f, commandLine, config, network));
    }

    Map<String, List<SettingValue>> commandLine() {
        return commandLine;
    }

    Map<String, Map<String, List<SettingValue>>> config() {
        return config;
    }

    String network() {
        return network;
    }

    private boolean ignoreDefaultSection(OptionSpec option) {
        return !network.isEmpty() && !network.equals("main") && option.has(Option.Flag.NETWORK_ONLY);
    }

    /** The effective single value, empty if never set. */
    Optional<SettingValue> get(OptionSpec option) {
        return getSetting(option.optionName(), network, ignoreDefaultSection(option), false);
    }

    /** The chain switches: read without a network section, last value wins, command-line negations skipped. */
    Optional<SettingValue> getChainSwitch(OptionSpec option) {
        return getSetting(option.optionName(), "", false, true);
    }

    boolean isSet(OptionSpec option) {
        return get(option).isPresent();
    }

    boolean isNegated(OptionSpec option) {
        return get(option).map(SettingValue::isFalse).orElse(false);
    }

    Optional<String> getString(OptionSpec option) {
        return get(option).map(SettingValue::asString);
    }

    /** Every value of a list option ({@code -addnode}), as Core's {@code GetArgs}. */
    List<String> getList(OptionSpec option) {
        List<String> out = new ArrayList<>();
        for (SettingValue v : getSettingsList(option.optionName(), ignoreDefaultSection(option))) {
            out.add(v.asString());
        }
        return out;
    }

    /** The values of {@code name} in one config-file section ("" = default). */
    List<SettingValue> configValues(String section, String name) {
        return config.getOrDefault(section, Map.of()).getOrDefault(name, List.of());
    }

    private void merge(String name, String section, BiConsumer<List<SettingValue>, Source> fn) {
        SettingValue f = forced.get(name);
        if (f != null) {
            fn.accept(List.of(f), Source.FORCED);
        }
        List<SettingValue> cl = commandLine.get(name);
        if (cl != null) {
            fn.accept(cl, Source.COMMAND_LINE);
        }
        if (!section.isEmpty()) {
            List<SettingValue> net = config.getOrDefault(section, Map.of()).get(name);
            if (net != null) {
                fn.accept(net, Source.CONFIG_FILE_NETWORK_SECTION);
            }
        }
        List<SettingValue> def = config.getOrDefault("", Map.of()).get(name);
        if (def != null) {
            fn.accept(def, Source.CONFIG_FILE_DEFAULT_SECTION);
        }
    }

    /** Index just after the last negation in a span; the live values start there. */
    private static int negated(List<SettingValue> span) {
        for (int i = span.size(); i > 0; i--) {
            if (span.get(i - 1).isFalse()) {
                return i;
            }
        }
        return 0;
    }

    private static boolean lastNegated(List<SettingValue> span) {
        return !span.isEmpty() && span.get(span.size() - 1).isFalse();
    }

    private Optional<SettingValue> getSetting(String name, String section, boolean ignoreDefaultSection,
                                              boolean getChainType) {
        SettingValue[] result = {null};
        boolean[] done = {false};
        merge(name, section, (span, source) -> {
            if (done[0]) {
                return;
            }
            // settings.cpp: a negation in the default section applies even to network-only options.
            boolean neverIgnoreNegated = lastNegated(span);
            // settings.cpp: in the config file the first value wins (backwards compatibility), except chain switches.
            boolean reversePrecedence = (source == Source.CONFIG_FILE_NETWORK_SECTION
                    || source == Source.CONFIG_FILE_DEFAULT_SECTION) && !getChainType;
            if (ignoreDefaultSection && source == Source.CONFIG_FILE_DEFAULT_SECTION && !neverIgnoreNegated) {
                return;
            }
            // settings.cpp: -noregtest on the command line does not override the config file.
            if (getChainType && lastNegated(span)) {
                return;
            }
            List<SettingValue> live = span.subList(negated(span), span.size());
            if (!live.isEmpty()) {
                result[0] = reversePrecedence ? live.get(0) : live.get(live.size() - 1);
                done[0] = true;
            } else if (lastNegated(span)) {
                result[0] = SettingValue.NEGATED;
                done[0] = true;
            }
        });
        return Optional.ofNullable(result[0]);
    }

    private List<SettingValue> getSettingsList(String name, boolean ignoreDefaultSection) {
        List<SettingValue> result = new ArrayList<>();
        boolean[] done = {false};
        boolean[] prevNegatedEmpty = {false};
        merge(name, network, (span, source) -> {
            // settings.cpp: config values come back ("zombies") after a command-line negation that is
            // followed by a value.
            boolean addZombieConfigValues = (source == Source.CONFIG_FILE_NETWORK_SECTION
                    || source == Source.CONFIG_FILE_DEFAULT_SECTION) && !prevNegatedEmpty[0];
            if (ignoreDefaultSection && source == Source.CONFIG_FILE_DEFAULT_SECTION) {
                return;
            }
            List<SettingValue> live = span.subList(negated(span), span.size());
            if (!done[0] || addZombieConfigValues) {
                result.addAll(live);
            }
            done[0] |= negated(span) > 0 || source == Source.FORCED;
            prevNegatedEmpty[0] |= lastNegated(span) && result.isEmpty();
        });
        return result;
    }
}
