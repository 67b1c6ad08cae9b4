package dev.tessera.oauth.clientauth.assertion;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Addresses a {@code jwks_uri} fetch must not reach by default: private, link-local and other non-public ranges. */
final class PrivateAddresses {
    private PrivateAddresses() {
    }

    /** What kind of non-public address this is, or null for a public (or loopback) one. */
    static String problem(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return null;
        }
        if (a.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (a.isLinkLocalAddress()) {
            return "a link-local address"; // 169.254/16 holds cloud metadata services; fe80::/10
        }
        if (a.isSiteLocalAddress()) {
            return "a private address"; // 10/8, 172.16/12, 192.168/16
        }
        if (a.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) {
            return "a shared (carrier-grade NAT) address"; // 100.64/10
        }
        if (a instanceof Inet4Address && (b[0] & 0xff) == 0) {
            return "a 'this network' address"; // 0/8
        }
        if (a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return "a private address"; // unique local fc00::/7
        }
        return null;
    }
}
