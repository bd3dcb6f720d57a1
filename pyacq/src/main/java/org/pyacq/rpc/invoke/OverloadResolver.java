package org.pyacq.rpc.invoke;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the overload for a call from the runtime argument values and invokes it. The plan for each
 * (candidates, argument classes) pair is built once ({@link CallPlan}); the cache is cleared if it
 * ever grows past {@value #MAX_PLANS} shapes, which bounds memory when callers send many types.
 */
final class OverloadResolver {

    static final int MAX_PLANS = 4096;

    private final Conversions conversions;
    private final ConcurrentHashMap<CallKey, CallPlan> plans = new ConcurrentHashMap<>();
    private final AtomicInteger plansBuilt = new AtomicInteger();

    OverloadResolver(Conversions conversions) {
        this.conversions = conversions;
    }

    /**
     * Calls the best overload. Exceptions thrown by the member itself pass through unchanged.
     *
     * @param target the instance, or null for static methods and constructors
     * @throws OverloadException when no overload fits or several fit equally well
     */
    Object invoke(Overloads overloads, Object target, Object[] values) {
        CallPlan.Choice choice = choose(overloads, values);
        return choice.invocable().invoke(target, choice.arguments());
    }

    CallPlan.Choice choose(Overloads overloads, Object[] values) {
        return plan(overloads, values).choose(values);
    }

    CallPlan plan(Overloads overloads, Object[] values) {
        Class<?>[] classes = new Class<?>[values.length];
        boolean[] remote = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            classes[i] = v == null ? null : v.getClass();
            remote[i] = conversions.isRemote(v);
        }
        CallKey key = new CallKey(overloads, classes, remote);
        CallPlan plan = plans.get(key);
        if (plan == null) {
            if (plans.size() >= MAX_PLANS) {
                plans.clear();
            }
            plan = plans.computeIfAbsent(key, k -> {
                plansBuilt.incrementAndGet();
                return CallPlan.build(overloads, classes, remote, conversions);
            });
        }
        return plan;
    }

    /** How many call plans have been built; for tests that check the cache works. */
    int plansBuilt() {
        return plansBuilt.get();
    }
}
