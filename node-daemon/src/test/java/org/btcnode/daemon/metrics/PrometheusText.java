package org.btcnode.daemon.metrics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scrape of a metrics endpoint over real HTTP, parsed as Prometheus' text exposition format
 * 0.0.4 ({@code # HELP}/{@code # TYPE} lines, {@code name{label="value",…} value}, label values
 * with {@code \\}, {@code \"} and {@code \n} escapes). Written for the tests, independent of the
 * client library that writes the format. Immutable.
 */
public final class PrometheusText {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One line of samples. */
    public record Sample(String name, Map<String, String> labels, double value) {}

    private final String contentType;
    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(String contentType, List<Sample> samples, Map<String, String> types) {
        this.contentType = contentType;
        this.samples = List.copyOf(samples);
        this.types = Map.copyOf(types);
    }

    /** GET {@code /metrics}; fails unless the status is 200. */
    public static PrometheusText scrape(InetSocketAddress endpoint) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + endpoint.getAddress().getHostAddress() + ":" + endpoint.getPort() + "/metrics");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + uri + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return parse(r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    static PrometheusText parse(String contentType, String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                types.put(parts[0], parts[1]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                samples.add(sample(line));
            }
        }
        return new PrometheusText(contentType, samples, types);
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                if (line.charAt(eq + 1) != '"') {
                    throw new IllegalArgumentException("label value not quoted: " + line);
                }
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        return new Sample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    public String contentType() {
        return contentType;
    }

    /** The {@code # TYPE} of a metric family (for counters the name ends in {@code _total}). */
    public Optional<String> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one sample with exactly these labels ({@code "key", "value", …}), if there is one. */
    public Optional<Double> find(String name, String... labelPairs) {
        Map<String, String> wanted = new HashMap<>();
        for (int k = 0; k < labelPairs.length; k += 2) {
            wanted.put(labelPairs[k], labelPairs[k + 1]);
        }
        List<Sample> found = samples(name).stream().filter(s -> s.labels().equals(wanted)).toList();
        if (found.size() > 1) {
            throw new AssertionError("more than one sample " + name + wanted);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    /** As {@link #find}, failing when there is no such sample. */
    public double value(String name, String... labelPairs) {
        return find(name, labelPairs).orElseThrow(() -> new AssertionError("no sample " + name + " "
                + String.join(",", labelPairs) + " in " + samples(name)));
    }

    /** The sum over every sample of a name. */
    public double sum(String name) {
        return samples(name).stream().mapToDouble(Sample::value).sum();
    }

    /** label value → sample value, for a metric with one label. */
    public Map<String, Double> byLabel(String name, String label) {
        Map<String, Double> out = new HashMap<>();
        samples(name).forEach(s -> out.put(s.labels().get(label), s.value()));
        return out;
    }
}
