package org.pyacq.rpc;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A separate JVM for the lease tests. {@code client ADDRESS N}: holds N proxies of new lists and one
 * of the published {@code svc}, prints READY, then answers {@code use} lines with OK or ERROR and the
 * error. {@code holder}: serves a {@code svc} (a TestService) and prints its address.
 */
public final class LeaseClientMain {
    private LeaseClientMain() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (args[0].equals("holder")) {
            RpcServer server = RpcServer.builder().name("holder").build().start();
            server.publish("svc", new TestService("holder"));
            System.out.println("ADDRESS " + server.address());
            System.out.flush();
            while (in.readLine() != null) {
                // serve until stdin closes
            }
            System.exit(0);
        }
        RpcClient client = RpcClient.connect(args[1]);
        int n = Integer.parseInt(args[2]);
        List<ObjectProxy> held = new ArrayList<>();
        ObjectProxy listClass = client.importModule("java.util.ArrayList");
        for (int i = 0; i < n; i++) {
            ObjectProxy list = (ObjectProxy) listClass.call();
            list.invoke("add", i);
            held.add(list);
        }
        held.add((ObjectProxy) client.get("svc"));
        System.out.println("READY " + held.size());
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("use")) {
                try {
                    for (ObjectProxy p : held) {
                        p.invoke("hashCode");
                    }
                    System.out.println("OK");
                } catch (RuntimeException e) {
                    System.out.println("ERROR " + e.getMessage().replace('\n', ' '));
                }
                System.out.flush();
            } else if (line.equals("slow")) {
                // a call in progress when the test kills this process
                held.get(held.size() - 1).invokeAsync("sleepThenReturn", 1.0, held.get(0));
                System.out.println("CALLING");
                System.out.flush();
            } else if (line.equals("exit")) {
                break;
            }
        }
        System.exit(0);
    }
}
