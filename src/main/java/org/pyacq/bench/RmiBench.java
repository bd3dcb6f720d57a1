package org.pyacq.bench;

import java.rmi.Remote;
import java.rmi.RemoteException;

/** The RMI face of the benchmark's target object: the same three calls the other transports make. */
public interface RmiBench extends Remote {
    /** Answers {@code "pong"}. */
    String ping() throws RemoteException;

    int add(int a, int b) throws RemoteException;

    /** Returns its argument (the reply carries the whole array back). */
    double[] echo(double[] data) throws RemoteException;

    /** Returns its argument: a 640x480 16-bit image as a {@code short[]}. */
    short[] echoImage(short[] pixels) throws RemoteException;
}
