package org.pyacq.bench;

import java.rmi.NoSuchObjectException;
import java.rmi.Remote;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.UnicastRemoteObject;

/**
 * The RMI baseline's server: {@link BenchService} exported on an anonymous loopback port, and a
 * registry on another anonymous loopback port that hands out its stub. Needs
 * {@code java.rmi.server.hostname=127.0.0.1} (set by {@link BenchServer}) so stubs point at loopback.
 */
final class RmiHost implements AutoCloseable {
    /** The registry name of the exported service. */
    static final String NAME = "bench";

    private final RmiBench service;
    private final Registry registry;
    private final String address;

    private RmiHost(RmiBench service, Registry registry, String address) {
        this.service = service;
        this.registry = registry;
        this.address = address;
    }

    static RmiHost start(RmiBench service) throws RemoteException {
        Remote stub = UnicastRemoteObject.exportObject(service, 0, null, new LoopbackServerSockets());
        LoopbackServerSockets registrySockets = new LoopbackServerSockets();
        Registry registry = LocateRegistry.createRegistry(0, null, registrySockets);
        registry.rebind(NAME, stub);
        return new RmiHost(service, registry, "127.0.0.1:" + registrySockets.lastPort());
    }

    /** {@code host:port} of the registry. */
    String address() {
        return address;
    }

    @Override
    public void close() {
        try {
            registry.unbind(NAME);
        } catch (RemoteException | NotBoundException e) {
            // going away anyway
        }
        unexport(service);
        unexport(registry);
    }

    private static void unexport(Remote r) {
        try {
            UnicastRemoteObject.unexportObject(r, true);
        } catch (NoSuchObjectException e) {
            // not exported: nothing to undo
        }
    }
}
