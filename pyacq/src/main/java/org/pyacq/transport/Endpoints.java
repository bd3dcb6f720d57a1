package org.pyacq.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Locale;

/** Checks and classifies ZeroMQ endpoint strings. */
public final class Endpoints {
    private Endpoints() {
    }

    /**
     * Checks that {@code address} is a ZeroMQ endpoint this project can use.
     *
     * @throws IllegalArgumentException saying what is wrong and what a valid address looks like
     */
    public static void validate(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no address given; use e.g. tcp://127.0.0.1:5000");
        }
        String a = address.toLowerCase(Locale.ROOT);
        if (a.startsWith("tcp://")) {
            int colon = address.lastIndexOf(':');
            if (colon <= 5 || colon == address.length() - 1) {
                throw new IllegalArgumentException("'" + address + "' has no port; use e.g. tcp://127.0.0.1:5000 "
                        + "or tcp://127.0.0.1:* for any free port");
            }
            String port = address.substring(colon + 1);
            if (!port.equals("*")) {
                try {
                    int p = Integer.parseInt(port);
                    if (p < 0 || p > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + address + "' has a bad port '" + port
                            + "'; use a number from 1 to 65535 or *");
                }
            }
            return;
        }
        if (a.startsWith("ipc://") || a.startsWith("inproc://")) {
            return;
        }
        throw new IllegalArgumentException("'" + address + "' is not a ZeroMQ address; use tcp://HOST:PORT "
                + "(e.g. tcp://127.0.0.1:5000), ipc://PATH or inproc://NAME");
    }

    /** The host part of a tcp endpoint, or null for other transports. */
    public static String host(String address) {
        if (!address.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
            return null;
        }
        String rest = address.substring(6);
        int colon = rest.lastIndexOf(':');
        String host = colon >= 0 ? rest.substring(0, colon) : rest;
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host;
    }

    /** System property naming the host a server bound to all interfaces advertises. */
    public static final String ADVERTISE_PROPERTY = "pyacq.advertiseHost";
    /** Environment variable naming the host a server bound to all interfaces advertises. */
    public static final String ADVERTISE_ENV = "PYACQ_ADVERTISE_HOST";

    /** True for a tcp endpoint bound to every interface ({@code 0.0.0.0}, {@code *}, {@code ::}). */
    public static boolean isWildcard(String address) {
        String host = host(address);
        return host != null && (host.equals("*") || host.equals("0.0.0.0") || host.equals("::") || host.isEmpty());
    }

    /**
     * The address clients on other hosts dial for a socket bound at {@code boundEndpoint}: the
     * endpoint itself, except that a wildcard host ({@code tcp://0.0.0.0:PORT}) is replaced by
     * {@link #advertisedHost()}. Never {@code 0.0.0.0}.
     */
    public static String advertised(String boundEndpoint) {
        if (!isWildcard(boundEndpoint)) {
            return boundEndpoint;
        }
        String port = boundEndpoint.substring(boundEndpoint.lastIndexOf(':') + 1);
        String host = advertisedHost();
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The host a server bound to every interface tells clients to dial: the system property
     * {@value #ADVERTISE_PROPERTY}, else the environment variable {@value #ADVERTISE_ENV}, else the
     * first IPv4 address of an interface that is up and neither loopback nor link-local (in the
     * system's order of interfaces), else an IPv6 one, else 127.0.0.1.
     */
    public static String advertisedHost() {
        String configured = System.getProperty(ADVERTISE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ADVERTISE_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        String v6 = null;
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
                        continue;
                    }
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                    if (v6 == null) {
                        String text = a.getHostAddress();
                        int zone = text.indexOf('%');
                        v6 = zone >= 0 ? text.substring(0, zone) : text;
                    }
                }
            }
        } catch (SocketException e) {
            // no interface list: fall through to what we have
        }
        return v6 != null ? v6 : "127.0.0.1";
    }

    /** True if the endpoint can only be reached from this machine (loopback tcp, ipc, inproc). */
    public static boolean isLoopback(String address) {
        String host = host(address);
        if (host == null) {
            return true;
        }
        if (host.equals("localhost")) {
            return true;
        }
        if (host.equals("*") || host.isEmpty()) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
