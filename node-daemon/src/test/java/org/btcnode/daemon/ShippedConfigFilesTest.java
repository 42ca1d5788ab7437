package org.btcnode.daemon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.btcnode.daemon.config.NodeOptions;
import org.btcnode.daemon.config.Option;
import org.btcnode.daemon.config.OptionsParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The files in config/ and docs/ say what the code does: every option, valid examples, a loadable logback.xml. */
class ShippedConfigFilesTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().getParent();
    private static final Pattern EXAMPLE = Pattern.compile("^#([a-z0-9]+)=(.*)$");

    @TempDir
    Path home;

    private static List<Option> documentedOptions() {
        List<Option> out = new ArrayList<>();
        for (Option o : Option.values()) {
            if (o.group() != Option.Group.HIDDEN) {
                out.add(o);
            }
        }
        return out;
    }

    @Test
    void sampleConfigAndDocsListEveryOption() throws Exception {
        String sample = Files.readString(REPO.resolve("config/bitcoin.conf"));
        String docs = Files.readString(REPO.resolve("docs/configuration.md"));
        for (Option o : documentedOptions()) {
            assertThat(docs).as(o.optionName()).contains("`-" + o.optionName());
            if (o != Option.CONF && o != Option.HELP && o != Option.VERSION) {
                assertThat(sample).as(o.optionName()).containsPattern("(?m)^#" + Pattern.quote(o.optionName()) + "=");
            }
        }
    }

    @Test
    void everyExampleInTheSampleConfigIsAccepted() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("config/bitcoin.conf"))) {
            var m = EXAMPLE.matcher(line);
            // includeconf would need the file it names; the rest must parse as written
            lines.add(m.matches() && !m.group(1).equals("includeconf") ? line.substring(1) : line);
        }
        Path datadir = Files.createDirectory(home.resolve("data"));
        Files.write(datadir.resolve("bitcoin.conf"), lines);
        NodeOptions options = OptionsParser.parse(List.of("-datadir=" + datadir), home);
        assertThat(options.warnings()).isEmpty();
        assertThat(options.network().addNodes()).hasSize(1);
        assertThat(options.rpc().rpcAuth()).hasSize(1);
    }

    @Test
    void logbackXmlWritesCoreLikeLinesToTheDebugLog() throws Exception {
        Path debugLog = home.resolve("debug.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        context.putProperty(LoggingSetup.DEBUGLOG_PROPERTY, debugLog.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(REPO.resolve("config/logback.xml").toFile());
        context.getLogger("btc").info("Shutdown: done");
        context.getLogger("btc.net").debug("not enabled without -debug");
        context.getLogger("btc.net").warn("no outbound peers");
        context.getLogger("io.netty.channel").info("library chatter");
        context.stop();
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 2);
        List<String> lines = Files.readAllLines(debugLog);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ Shutdown: done");
        assertThat(lines.get(1)).endsWith("Z [net:warning] no outbound peers");
    }
}
