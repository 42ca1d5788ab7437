package org.btcnode.bench.p2p;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Times scrapes of the daemon's metrics endpoint ({@code -metricsbind=127.0.0.1:<port>}) from
 * one keep-alive HTTP client, one at a time: a warm-up set, then a measured set bounded in count
 * and time. Prints the latency percentiles, the body size and the peer count the scrape itself
 * reports ({@code sum(btcnode_peers)}), so a figure is tied to the load it was taken under.
 */
final class MetricsScrape {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final HttpRequest request;

    MetricsScrape(int port) {
        request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    /** {@code warmUp} untimed scrapes, then up to {@code count} timed ones; one line of figures. */
    void run(String label, int warmUp, int count) throws IOException, InterruptedException {
        for (int i = 0; i < warmUp; i++) {
            scrape();
        }
        long[] nanos = new long[count];
        int done = 0;
        String body = "";
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (done < count && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            body = scrape();
            nanos[done++] = System.nanoTime() - t0;
        }
        long[] sorted = Arrays.copyOf(nanos, done);
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0);
        System.out.printf(Locale.ROOT, "metrics scrape, %s: %d scrapes, mean %.3f ms, p50 %.3f ms, p99 %.3f ms,"
                + " max %.3f ms; body %d bytes, %d samples, btcnode_peers sum %.0f%n", label, done, mean / 1e6,
                PeerLoad.percentile(sorted, 50) / 1e6, PeerLoad.percentile(sorted, 99) / 1e6,
                (done == 0 ? 0 : sorted[done - 1]) / 1e6, body.length(), samples(body), peers(body));
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("metrics endpoint answered HTTP " + r.statusCode());
        }
        return r.body();
    }

    private static long samples(String body) {
        return body.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    private static double peers(String body) {
        return body.lines().filter(l -> l.startsWith("btcnode_peers{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
