package org.pyacq.rpc;

/** Calls its partner, which calls back, until the depth runs out: pyacq's reentrancy test. */
public class PingPong {
    public ObjectProxy partner;
    public int depth;

    public void setPartner(ObjectProxy partner) {
        this.partner = partner;
    }

    public String ping(int remaining) {
        depth = Math.max(depth, remaining);
        if (remaining == 0) {
            return "reentrant!";
        }
        return (String) partner.invoke("ping", remaining - 1);
    }
}
