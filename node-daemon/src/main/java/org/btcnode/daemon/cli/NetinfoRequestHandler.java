package org.btcnode.daemon.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.btcnode.core.params.Chain;

/**
 * {@code -netinfo [level [outonly]]}: getpeerinfo and getnetworkinfo in one batch, rendered as
 * bitcoin-cli's peer dashboard ({@code bitcoin-cli.cpp} {@code NetinfoRequestHandler}): the
 * header line, at levels 1-4 a peers listing sorted by direction and minimum ping, the peer
 * counts per reachable network, and the local addresses. Column widths, legends and texts are
 * Core's, so the output matches bitcoin-cli's byte for byte for the same replies. One per call.
 */
final class NetinfoRequestHandler implements RequestHandler {
    static final int ID_PEERINFO = 0;
    static final int ID_NETWORKINFO = 1;
    /** bitcoin-cli.cpp NETINFO_MAX_LEVEL. */
    static final int NETINFO_MAX_LEVEL = 4;
    // bitcoin-cli.cpp: GetNetworkName() names and the dashboard's short names; npr and int are never "reachable"
    private static final List<String> NETWORKS =
            List.of("not_publicly_routable", "ipv4", "ipv6", "onion", "i2p", "cjdns", "internal");
    private static final List<String> NETWORK_SHORT_NAMES = List.of("npr", "ipv4", "ipv6", "onion", "i2p", "cjdns", "int");
    private static final int[] UNREACHABLE_NETWORK_IDS = {0, 6};

    private final Chain chain;
    private final String clientVersion;
    private final long nowSeconds;
    private int detailsLevel;
    private boolean outboundOnlySelected;

    /** One peer of the listing. */
    private record Peer(String addr, String subVersion, String connType, String network, String age, String services,
                        String transportProtocolType, double minPing, double ping, long addrProcessed,
                        long addrRateLimited, long lastBlock, long lastRecv, long lastSend, long lastTransaction,
                        long id, long mappedAs, long version, boolean addrRelayEnabled, boolean bip152HbFrom,
                        boolean bip152HbTo, boolean outbound, boolean txRelay) {
    }

    /**
     * @param chain the chain btcnode-cli was started for (the header names it, as bitcoin-cli's ChainToString)
     * @param clientVersion this client's version ({@code v0.1.0})
     * @param nowSeconds the time peers' ages are measured from, seconds since the epoch
     */
    NetinfoRequestHandler(Chain chain, String clientVersion, long nowSeconds) {
        this.chain = chain;
        this.clientVersion = clientVersion;
        this.nowSeconds = nowSeconds;
    }

    private boolean detailsRequested() {
        return detailsLevel > 0;
    }

    private boolean isAddressSelected() {
        return detailsLevel == 2 || detailsLevel == 4;
    }

    private boolean isVersionSelected() {
        return detailsLevel == 3 || detailsLevel == 4;
    }

    @Override
    public JsonValue prepareRequest(String method, List<String> args) throws CliException {
        if (!args.isEmpty()) {
            String level = args.get(0);
            // util/strencodings.h ToIntegral<uint8_t>: decimal digits only, 0..255
            if (!level.matches("[0-9]{1,3}") || Integer.parseInt(level) > 255) {
                throw CliException.error("invalid -netinfo level argument: " + level
                        + "\nFor more information, run: btcnode-cli -netinfo help");
            }
            int n = Integer.parseInt(level);
            detailsLevel = Math.min(n, NETINFO_MAX_LEVEL);
            if (args.size() > 1) {
                String s = args.get(1);
                if (n > 0 && (s.equals("o") || s.equals("outonly"))) {
                    outboundOnlySelected = true;
                } else if (n > 0) {
                    throw CliException.error("invalid -netinfo outonly argument: " + s
                            + "\nFor more information, run: btcnode-cli -netinfo help");
                } else {
                    throw CliException.error("invalid -netinfo outonly argument: " + s
                            + "\nThe outonly argument is only valid for a level greater than 0 (the first argument)."
                            + " For more information, run: btcnode-cli -netinfo help");
                }
            }
        }
        return RequestHandler.batchRequest("getpeerinfo", "getnetworkinfo");   // ids ID_PEERINFO, ID_NETWORKINFO
    }

    @Override
    public JsonValue processReply(JsonValue batchIn) throws CliException {
        List<JsonValue> batch = RequestHandler.batch(batchIn);
        Optional<JsonValue> error = RequestHandler.firstError(batch, ID_PEERINFO, ID_NETWORKINFO);
        if (error.isPresent()) {
            return error.get();
        }
        try {
            return RequestHandler.reply(new JsonValue.Str(render(batch.get(ID_PEERINFO).get("result"),
                    batch.get(ID_NETWORKINFO).get("result"))));
        } catch (IllegalStateException | ArithmeticException | NumberFormatException e) {
            throw CliException.error("-netinfo: unexpected getpeerinfo or getnetworkinfo reply (" + e.getMessage() + ")");
        }
    }

    private String render(JsonValue peerInfo, JsonValue networkInfo) throws CliException {
        if (networkInfo.get("version").asLong() < 209900) {
            throw CliException.error("-netinfo requires btcnoded server to be running v0.21.0 and up");
        }
        // peer counts by (in, out, total) x (network ids, all networks)
        int[][] counts = new int[3][NETWORKS.size() + 1];
        int blockRelayPeers = 0;
        int manualPeers = 0;
        List<Peer> peers = new ArrayList<>();
        int maxAddrLength = 0;
        int maxAddrProcessedLength = 5;
        int maxAddrRateLimitedLength = 6;
        int maxAgeLength = 5;
        int maxIdLength = 2;
        int maxServicesLength = 6;
        boolean asmapOn = false;
        for (JsonValue peer : peerInfo.elements()) {
            int networkId = NETWORKS.indexOf(peer.get("network").str());
            if (networkId < 0) {
                continue;
            }
            boolean outbound = !peer.get("inbound").asBool();
            boolean txRelay = peer.get("relaytxes").isNull() || peer.get("relaytxes").asBool();
            String connType = peer.get("connection_type").str();
            int direction = outbound ? 1 : 0;
            counts[direction][networkId]++;
            counts[direction][NETWORKS.size()]++;
            counts[2][networkId]++;
            counts[2][NETWORKS.size()]++;
            if (connType.equals("block-relay-only")) {
                blockRelayPeers++;
            }
            if (connType.equals("manual")) {
                manualPeers++;
            }
            if (outboundOnlySelected && !outbound) {
                continue;
            }
            if (detailsRequested()) {
                long id = peer.get("id").asLong();
                long mappedAs = orZero(peer.get("mapped_as"));
                long addrProcessed = orZero(peer.get("addr_processed"));
                long addrRateLimited = orZero(peer.get("addr_rate_limited"));
                long connTime = peer.get("conntime").asLong();
                String addr = peer.get("addr").str();
                String age = connTime == 0 ? "" : Long.toString((nowSeconds - connTime) / 60);
                String services = formatServices(peer.get("servicesnames"));
                JsonValue transport = peer.get("transport_protocol_type");
                Peer p = new Peer(addr, peer.get("subver").str(), connType, NETWORK_SHORT_NAMES.get(networkId), age,
                        services, transport.isNull() ? "v1" : transport.str(),
                        peer.get("minping").isNull() ? -1 : peer.get("minping").asDouble(),
                        peer.get("pingtime").isNull() ? -1 : peer.get("pingtime").asDouble(),
                        addrProcessed, addrRateLimited, peer.get("last_block").asLong(), peer.get("lastrecv").asLong(),
                        peer.get("lastsend").asLong(), peer.get("last_transaction").asLong(), id, mappedAs,
                        peer.get("version").asLong(),
                        !peer.get("addr_relay_enabled").isNull() && peer.get("addr_relay_enabled").asBool(),
                        peer.get("bip152_hb_from").asBool(), peer.get("bip152_hb_to").asBool(), outbound, txRelay);
                peers.add(p);
                maxAddrLength = Math.max(addr.length() + 1, maxAddrLength);
                maxAddrProcessedLength = Math.max(Long.toString(addrProcessed).length(), maxAddrProcessedLength);
                maxAddrRateLimitedLength = Math.max(Long.toString(addrRateLimited).length(), maxAddrRateLimitedLength);
                maxAgeLength = Math.max(age.length(), maxAgeLength);
                maxIdLength = Math.max(Long.toString(id).length(), maxIdLength);
                maxServicesLength = Math.max(services.length(), maxServicesLength);
                asmapOn |= mappedAs != 0;
            }
        }

        StringBuilder result = new StringBuilder();
        String localServices = detailsRequested()
                ? " - services " + formatServices(networkInfo.get("localservicesnames")) : "";
        result.append("btcnode client ").append(clientVersion).append(chainToString()).append(" - server ")
                .append(networkInfo.get("protocolversion").asLong()).append(networkInfo.get("subversion").str())
                .append(localServices).append("\n\n");

        if (detailsRequested() && !peers.isEmpty()) {
            // std::sort by (is_outbound, min_ping); a stable sort keeps getpeerinfo's order for ties
            peers.sort(Comparator.comparing(Peer::outbound).thenComparingDouble(Peer::minPing));
            result.append("<->   type   net ").append(right("serv", maxServicesLength))
                    .append("  v  mping   ping send recv  txn  blk  hb ")
                    .append(right("addrp", maxAddrProcessedLength)).append(right("addrl", maxAddrRateLimitedLength))
                    .append(right("age", maxAgeLength)).append(' ');
            if (asmapOn) {
                result.append(" asmap ");
            }
            result.append(right("id", maxIdLength)).append(' ')
                    .append(left(isAddressSelected() ? "address" : "", isAddressSelected() ? maxAddrLength : 0))
                    .append(isVersionSelected() ? "version" : "").append('\n');
            for (Peer peer : peers) {
                String version = peer.version() + peer.subVersion();
                String transport = peer.transportProtocolType();
                result.append(right(peer.outbound() ? "out" : "in", 3)).append(' ')
                        .append(right(connectionTypeForNetinfo(peer.connType()), 6)).append(' ')
                        .append(right(peer.network(), 5)).append(' ')
                        .append(right(peer.services(), maxServicesLength)).append(' ')
                        .append(right(transport.length() == 2 && transport.charAt(0) == 'v'
                                ? transport.substring(1) : " ", 2))
                        .append(right(pingTimeToString(peer.minPing()), 7))
                        .append(right(pingTimeToString(peer.ping()), 7))
                        .append(right(peer.lastSend() != 0 ? Long.toString(nowSeconds - peer.lastSend()) : "", 5))
                        .append(right(peer.lastRecv() != 0 ? Long.toString(nowSeconds - peer.lastRecv()) : "", 5))
                        .append(right(peer.lastTransaction() != 0 ? Long.toString((nowSeconds - peer.lastTransaction()) / 60)
                                : peer.txRelay() ? "" : "*", 5))
                        .append(right(peer.lastBlock() != 0 ? Long.toString((nowSeconds - peer.lastBlock()) / 60) : "", 5))
                        .append("  ")
                        .append(right((peer.bip152HbTo() ? "." : " ") + (peer.bip152HbFrom() ? "*" : " "), 2)).append(' ')
                        .append(right(peer.addrProcessed() != 0 ? Long.toString(peer.addrProcessed())
                                : peer.addrRelayEnabled() ? "" : ".", maxAddrProcessedLength))
                        .append(right(peer.addrRateLimited() != 0 ? Long.toString(peer.addrRateLimited()) : "",
                                maxAddrRateLimitedLength))
                        .append(right(peer.age(), maxAgeLength))
                        .append(right(asmapOn && peer.mappedAs() != 0 ? Long.toString(peer.mappedAs()) : "", asmapOn ? 7 : 0))
                        .append(' ').append(right(Long.toString(peer.id()), maxIdLength)).append(' ')
                        .append(left(isAddressSelected() ? peer.addr() : "", isAddressSelected() ? maxAddrLength : 0))
                        .append(isVersionSelected() && !version.equals("0") ? version : "").append('\n');
            }
            result.append("                ").append(right("", maxServicesLength))
                    .append("         ms     ms  sec  sec  min  min                ")
                    .append(right("min", maxAgeLength)).append("\n\n");
        }

        // peer counts by reachable network, then npr/int if any peer is on them
        result.append("     ");
        List<Integer> shownNetworks = new ArrayList<>();
        for (JsonValue network : networkInfo.get("networks").elements()) {
            if (network.get("reachable").asBool()) {
                String name = network.get("name").str();
                int networkId = NETWORKS.indexOf(name);
                if (networkId < 0) {
                    continue;
                }
                result.append(right(name, 8));
                shownNetworks.add(networkId);
            }
        }
        for (int networkId : UNREACHABLE_NETWORK_IDS) {
            if (counts[2][networkId] == 0) {
                continue;
            }
            result.append(right(NETWORK_SHORT_NAMES.get(networkId), 8));
            shownNetworks.add(networkId);
        }
        result.append("   total   block");
        if (manualPeers > 0) {
            result.append("  manual");
        }
        String[] rows = {"in", "out", "total"};
        for (int i = 0; i < rows.length; i++) {
            result.append('\n').append(left(rows[i], 5));
            for (int networkId : shownNetworks) {
                result.append(right(Integer.toString(counts[i][networkId]), 8));
            }
            result.append("   ").append(right(Integer.toString(counts[i][NETWORKS.size()]), 5));
            if (i == 1) {   // the outbound row also counts block-relay and manual peers
                result.append("   ").append(right(Integer.toString(blockRelayPeers), 5));
                if (manualPeers > 0) {
                    result.append("   ").append(right(Integer.toString(manualPeers), 5));
                }
            }
        }

        if (!detailsRequested()) {
            result.append("\n\nLocal services: ").append(servicesList(networkInfo.get("localservicesnames")));
        }
        result.append("\n\nLocal addresses");
        List<JsonValue> localAddresses = networkInfo.get("localaddresses").elements();
        if (localAddresses.isEmpty()) {
            result.append(": n/a\n");
        } else {
            int maxAddrSize = 0;
            for (JsonValue addr : localAddresses) {
                maxAddrSize = Math.max(addr.get("address").str().length() + 1, maxAddrSize);
            }
            for (JsonValue addr : localAddresses) {
                result.append('\n').append(left(addr.get("address").str(), maxAddrSize))
                        .append("    port ").append(right(Long.toString(addr.get("port").asLong()), 6))
                        .append("    score ").append(right(Long.toString(addr.get("score").asLong()), 6));
            }
        }
        return result.toString();
    }

    private static long orZero(JsonValue v) {
        return v.isNull() ? 0 : v.asLong();
    }

    private String chainToString() {
        return switch (chain) {
            case TESTNET4 -> " testnet4";
            case TESTNET3 -> " testnet";
            case SIGNET -> " signet";
            case REGTEST -> " regtest";
            case MAIN -> "";
        };
    }

    /** Milliseconds, rounded; "" when unknown, "-" past 999999 ms. */
    private static String pingTimeToString(double seconds) {
        if (seconds < 0) {
            return "";
        }
        double milliseconds = Math.round(1000 * seconds);
        return milliseconds > 999999 ? "-" : Long.toString((long) milliseconds);
    }

    private static String connectionTypeForNetinfo(String connType) {
        return switch (connType) {
            case "outbound-full-relay" -> "full";
            case "block-relay-only" -> "block";
            case "manual", "feeler" -> connType;
            case "addr-fetch" -> "addr";
            case "private-broadcast" -> "priv";
            default -> "";
        };
    }

    /** One letter per service: the first of its name, "l" for NETWORK_LIMITED, "2" for P2P_V2. */
    private static String formatServices(JsonValue services) {
        StringBuilder out = new StringBuilder();
        for (JsonValue service : services.elements()) {
            String s = service.str();
            if (s.isEmpty()) {
                continue;
            }
            out.append(s.equals("NETWORK_LIMITED") ? 'l' : s.equals("P2P_V2") ? '2'
                    : Character.toLowerCase(s.charAt(0)));
        }
        return out.toString();
    }

    /** "network, witness, network limited": the level-0 "Local services" line. */
    private static String servicesList(JsonValue services) {
        List<String> names = new ArrayList<>();
        for (JsonValue service : services.elements()) {
            names.add(service.str());
        }
        return String.join(", ", names).replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** printf's %*s. */
    private static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** printf's %-*s. */
    private static String left(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** The {@code -netinfo help} text, bitcoin-cli's with btcnode's names. */
    static String help() {
        return String.join("\n",
                "-netinfo (level [outonly]) | help",
                "",
                "Returns a network peer connections dashboard with information from the remote server.",
                "This human-readable interface will change regularly and is not intended to be a stable API.",
                "Under the hood, -netinfo fetches the data by calling getpeerinfo and getnetworkinfo.",
                "An optional argument from 0 to 4 can be passed for different peers listings; values above 4 up to 255 are parsed as 4.",
                "If that argument is passed, an optional additional \"outonly\" argument may be passed to obtain the listing with outbound peers only.",
                "Pass \"help\" or \"h\" to see this detailed help documentation.",
                "If more than two arguments are passed, only the first two are read and parsed.",
                "Suggestion: use -netinfo with the Linux watch(1) command for a live dashboard; see example below.",
                "",
                "Arguments:",
                "1. level (integer 0-4, optional)  Specify the info level of the peers dashboard (default 0):",
                "                                  0 - Peer counts for each reachable network as well as for block relay peers",
                "                                      and manual peers, and the list of local addresses and ports",
                "                                  1 - Like 0 but preceded by a peers listing (without address and version columns)",
                "                                  2 - Like 1 but with an address column",
                "                                  3 - Like 1 but with a version column",
                "                                  4 - Like 1 but with both address and version columns",
                "2. outonly (\"outonly\" or \"o\", optional) Return the peers listing with outbound peers only, i.e. to save screen space",
                "                                        when a node has many inbound peers. Only valid if a level is passed.",
                "",
                "help (\"help\" or \"h\", optional) Print this help documentation instead of the dashboard.",
                "",
                "Result:",
                "",
                "* The peers listing in levels 1-4 displays all of the peers sorted by direction and minimum ping time:",
                "",
                "  Column   Description",
                "  ------   -----------",
                "  <->      Direction",
                "           \"in\"  - inbound connections are those initiated by the peer",
                "           \"out\" - outbound connections are those initiated by us",
                "  type     Type of peer connection",
                "           \"full\"   - full relay, the default",
                "           \"block\"  - block relay; like full relay but does not relay transactions or addresses",
                "           \"manual\" - peer we manually added using RPC addnode or the -addnode/-connect config options",
                "           \"feeler\" - short-lived connection for testing addresses",
                "           \"addr\"   - address fetch; short-lived connection for requesting addresses",
                "           \"priv\"   - private broadcast; short-lived connection for broadcasting our transactions",
                "  net      Network the peer connected through (\"ipv4\", \"ipv6\", \"onion\", \"i2p\", \"cjdns\", or \"npr\" (not publicly routable))",
                "  serv     Services offered by the peer",
                "           \"n\" - NETWORK: peer can serve the full block chain",
                "           \"b\" - BLOOM: peer can handle bloom-filtered connections (see BIP 111)",
                "           \"w\" - WITNESS: peer can be asked for blocks and transactions with witness data (SegWit)",
                "           \"c\" - COMPACT_FILTERS: peer can handle basic block filter requests (see BIPs 157 and 158)",
                "           \"l\" - NETWORK_LIMITED: peer limited to serving only the last 288 blocks (~2 days)",
                "           \"2\" - P2P_V2: peer supports version 2 P2P transport protocol, as defined in BIP 324",
                "           \"u\" - UNKNOWN: unrecognized bit flag",
                "  v        Version of transport protocol used for the connection",
                "  mping    Minimum observed ping time, in milliseconds (ms)",
                "  ping     Last observed ping time, in milliseconds (ms)",
                "  send     Time since last message sent to the peer, in seconds",
                "  recv     Time since last message received from the peer, in seconds",
                "  txn      Time since last novel transaction received from the peer and accepted into our mempool, in minutes",
                "           \"*\" - we do not relay transactions to this peer (getpeerinfo \"relaytxes\" is false)",
                "  blk      Time since last novel block passing initial validity checks received from the peer, in minutes",
                "  hb       High-bandwidth BIP152 compact block relay",
                "           \".\" (to)   - we selected the peer as a high-bandwidth peer",
                "           \"*\" (from) - the peer selected us as a high-bandwidth peer",
                "  addrp    Total number of addresses processed, excluding those dropped due to rate limiting",
                "           \".\" - we do not relay addresses to this peer (getpeerinfo \"addr_relay_enabled\" is false)",
                "  addrl    Total number of addresses dropped due to rate limiting",
                "  age      Duration of connection to the peer, in minutes",
                "  asmap    Mapped AS (Autonomous System) number at the end of the BGP route to the peer, used for diversifying",
                "           peer selection (only displayed if the -asmap config option is set)",
                "  id       Peer index, in increasing order of peer connections since node startup",
                "  address  IP address and port of the peer",
                "  version  Peer version and subversion concatenated, e.g. \"70016/Satoshi:21.0.0/\"",
                "",
                "* The peer counts table displays the number of peers for each reachable network as well as",
                "  the number of block relay peers and manual peers.",
                "",
                "* The local addresses table lists each local address broadcast by the node, the port, and the score.",
                "",
                "Examples:",
                "",
                "Peer counts table of reachable networks and list of local addresses",
                "> btcnode-cli -netinfo",
                "",
                "The same, preceded by a peers listing without address and version columns",
                "> btcnode-cli -netinfo 1",
                "",
                "Full dashboard",
                "> btcnode-cli -netinfo 4",
                "",
                "Full dashboard, but with outbound peers only",
                "> btcnode-cli -netinfo 4 outonly",
                "",
                "Full live dashboard, adjust --interval or --no-title as needed (Linux)",
                "> watch --interval 1 --no-title btcnode-cli -netinfo 4",
                "",
                "See this help",
                "> btcnode-cli -netinfo help",
                "");
    }
}
