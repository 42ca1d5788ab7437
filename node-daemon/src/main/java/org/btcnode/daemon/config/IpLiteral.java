package org.btcnode.daemon.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Recognises numeric IPv4 and IPv6 addresses and subnets without ever asking DNS (Java's
 * {@code InetAddress.getByName} may resolve what it does not parse). Rules as {@code inet_pton}:
 * dotted quads without leading zeros, IPv6 with at most one {@code ::} and an optional trailing
 * IPv4 part. Stateless.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!Character.isDigit(p.charAt(i)) || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        if (dc >= 0) {
            String left = s.substring(0, dc);
            String right = s.substring(dc + 2);
            int l = left.isEmpty() ? 0 : groups(left, false);
            int r = right.isEmpty() ? 0 : groups(right, true);
            return l >= 0 && r >= 0 && l + r <= 7;
        }
        return groups(s, true) == 8;
    }

    /** Counts 16-bit groups in a colon-separated run, -1 if malformed; an IPv4 tail counts as two. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        String[] parts = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (ipv4TailAllowed && i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                count += 2;
                continue;
            }
            if (p.isEmpty() || p.length() > 4) {
                return -1;
            }
            for (int j = 0; j < p.length(); j++) {
                if (Character.digit(p.charAt(j), 16) < 0) {
                    return -1;
                }
            }
            count++;
        }
        return count;
    }

    public static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    /**
     * Whether a numeric address (see {@link #isIp}) is loopback: 127.0.0.0/8, ::1, or an
     * IPv4-mapped 127.x address. False for anything that is not an IP literal.
     */
    public static boolean isLoopback(String s) {
        if (isIpv4(s)) {
            return s.startsWith("127.");
        }
        if (!isIpv6(s)) {
            return false;
        }
        try {
            return InetAddress.getByName(s).isLoopbackAddress();    // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Core's {@code LookupSubNet} forms: an IP, IP/CIDR or IP/netmask of the same family. */
    static boolean isSubnet(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return isIp(s);
        }
        String ip = s.substring(0, slash);
        String mask = s.substring(slash + 1);
        boolean v4 = isIpv4(ip);
        if (!v4 && !isIpv6(ip)) {
            return false;
        }
        if (!mask.isEmpty() && mask.chars().allMatch(c -> c >= '0' && c <= '9') && mask.length() <= 3) {
            return Integer.parseInt(mask) <= (v4 ? 32 : 128);
        }
        return v4 ? isIpv4(mask) : isIpv6(mask);
    }

    /** A host name as DNS allows it (letters, digits, '-', '.', '_'), or an IP literal. */
    static boolean isHost(String s) {
        if (isIp(s)) {
            return true;
        }
        if (s.isEmpty() || s.length() > 253) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
