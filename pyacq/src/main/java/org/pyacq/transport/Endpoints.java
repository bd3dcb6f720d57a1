package org.pyacq.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
