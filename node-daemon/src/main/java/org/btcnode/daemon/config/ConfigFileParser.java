package org.btcnode.daemon.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines of one bitcoin.conf into {@code key=value} entries and section headers, as
 * Core's {@code GetConfigOptions} ({@code common/config.cpp}): {@code #} starts a comment,
 * blank lines are skipped, {@code [name]} opens a section whose name prefixes the following keys
 * ({@code regtest.port}), a line starting with {@code -} or without {@code =} is a parse error
 * naming its line. Stateless.
 */
final class ConfigFileParser {
    /** One {@code key=value} line; the key carries its section prefix ({@code regtest.port}). */
    record Entry(String key, String value, String file, int line) {
    }

    /** Where a section name appeared, for the "Section [x] is not recognized" warning. */
    record SectionInfo(String name, String file, int line) {
    }

    /** Everything one file held. */
    record Parsed(List<Entry> entries, List<SectionInfo> sections) {
        Parsed {
            entries = List.copyOf(entries);
            sections = List.copyOf(sections);
        }
    }

    private static final String WHITESPACE = " \t\r\n";

    private ConfigFileParser() {
    }

    /** Parses a whole file's text; the error message is Core's, without the file name. */
    static Parsed parse(String text, String file) throws ConfigException {
        List<Entry> entries = new ArrayList<>();
        List<SectionInfo> sections = new ArrayList<>();
        String prefix = "";
        String[] lines = text.split("\n", -1);
        // std::getline yields no final empty line for a trailing newline
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            int lineNumber = i + 1;
            String str = lines[i];
            boolean usedHash = false;
            int hash = str.indexOf('#');
            if (hash >= 0) {
                str = str.substring(0, hash);
                usedHash = true;
            }
            str = trim(str);
            if (str.isEmpty()) {
                continue;
            }
            if (str.charAt(0) == '[' && str.charAt(str.length() - 1) == ']') {
                String section = str.substring(1, str.length() - 1);
                sections.add(new SectionInfo(section, file, lineNumber));
                prefix = section + '.';
            } else if (str.charAt(0) == '-') {
                throw new ConfigException(ConfigException.Kind.CONFIG_FILE, "parse error on line " + lineNumber + ": "
                        + str + ", options in configuration file must be specified without leading -");
            } else {
                int eq = str.indexOf('=');
                if (eq < 0) {
                    String error = "parse error on line " + lineNumber + ": " + str;
                    if (str.length() >= 2 && str.startsWith("no")) {
                        error += ", if you intended to specify a negated option, use " + str + "=1 instead";
                    }
                    throw new ConfigException(ConfigException.Kind.CONFIG_FILE, error);
                }
                String name = prefix + trim(str.substring(0, eq));
                String value = trim(str.substring(eq + 1));
                if (usedHash && name.contains("rpcpassword")) {
                    throw new ConfigException(ConfigException.Kind.CONFIG_FILE, "parse error on line " + lineNumber
                            + ", using # in rpcpassword can be ambiguous and should be avoided");
                }
                entries.add(new Entry(name, value, file, lineNumber));
                int dot = name.lastIndexOf('.');
                if (dot >= 0 && prefix.length() <= dot) {
                    sections.add(new SectionInfo(name.substring(0, dot), file, lineNumber));
                }
            }
        }
        return new Parsed(entries, sections);
    }

    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && WHITESPACE.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && WHITESPACE.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
