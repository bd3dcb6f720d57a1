package org.pyacq.rpc.invoke;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The resolution of one call shape (candidates × argument classes), built once and cached by
 * {@link OverloadResolver}. It holds the candidates applicable to those classes, fixed arity
 * first; when the choice cannot depend on the values (no narrowing, no element checks) it holds
 * the decided candidate, otherwise it re-checks the values on each call.
 *
 * <p>Choice: the cheapest summed {@link Conversion} cost wins; among equal costs, the candidate
 * whose parameter types are all assignable to every other's (the most specific, as in javac);
 * else the call is ambiguous. Three phases, each tried only when the previous has no fit:
 * <ol>
 * <li>fixed arity, where a varargs parameter takes only an array (or null), as in javac;</li>
 * <li>variable arity: trailing arguments packed into the varargs array ({@code Arrays.asList(1, 2)},
 *     and {@code Arrays.asList(list)} gives a one-element list, as in javac);</li>
 * <li>fixed arity with a container conversion into the varargs parameter, so that a Python list
 *     can be spread into it when nothing else fits ({@code IntStream.of([1, 2, 3])}).</li>
 * </ol>
 */
final class CallPlan {

    /** The chosen member and its converted arguments. */
    record Choice(Invocable invocable, Object[] arguments) {
    }

    private record Fitting(Candidate candidate, Object[] arguments, int cost) {
    }

    private final Overloads overloads;
    private final List<List<Candidate>> phases;
    private final Candidate decided;

    private CallPlan(Overloads overloads, List<List<Candidate>> phases, int argCount) {
        this.overloads = overloads;
        this.phases = phases.stream().map(List::copyOf).toList();
        List<Candidate> phase = this.phases.stream().filter(p -> !p.isEmpty()).findFirst().orElse(List.of());
        Candidate choice = null;
        if (!phase.isEmpty() && phase.stream().noneMatch(Candidate::checksValues)) {
            List<Candidate> top = cheapestMostSpecific(phase, Function.identity(), Candidate::staticCost, argCount);
            choice = top.size() == 1 ? top.get(0) : null;
        }
        this.decided = choice;
    }

    static CallPlan build(Overloads overloads, Class<?>[] classes, boolean[] remote, Conversions conversions) {
        int n = classes.length;
        List<Candidate> fixed = new ArrayList<>();
        List<Candidate> variable = new ArrayList<>();
        List<Candidate> spread = new ArrayList<>();
        for (Invocable inv : overloads.candidates()) {
            Class<?>[] params = inv.parameterTypes();
            if (params.length == n) {
                Conversion[] cs = new Conversion[n];
                boolean fits = true;
                for (int i = 0; i < n && fits; i++) {
                    cs[i] = conversions.find(classes[i], remote[i], params[i]);
                    fits = cs[i] != null;
                }
                if (fits) {
                    // as in javac, the varargs slot takes an array (or null) as is; a conversion into it waits for phase 3
                    boolean spreads = inv.isVarArgs() && cs[n - 1].cost() > Conversion.SUBTYPE;
                    (spreads ? spread : fixed).add(new Candidate(inv, cs, false));
                }
            }
            if (inv.isVarArgs() && n >= params.length - 1) {
                Class<?> element = params[params.length - 1].getComponentType();
                Conversion[] cs = new Conversion[n];
                boolean fits = true;
                for (int i = 0; i < n && fits; i++) {
                    cs[i] = conversions.find(classes[i], remote[i], i < params.length - 1 ? params[i] : element);
                    fits = cs[i] != null;
                }
                if (fits) {
                    variable.add(new Candidate(inv, cs, true));
                }
            }
        }
        return new CallPlan(overloads, List.of(fixed, variable, spread), n);
    }

    /** True when the plan picks without looking at values; for tests. */
    boolean isDecided() {
        return decided != null;
    }

    /** @throws OverloadException when nothing fits or the best fits are ambiguous */
    Choice choose(Object[] values) {
        if (decided != null) {
            return new Choice(decided.invocable(), decided.convert(values));
        }
        for (List<Candidate> phase : phases) {
            Choice choice = pick(phase, values);
            if (choice != null) {
                return choice;
            }
        }
        throw OverloadException.noFit(overloads.description(), overloads.callName(), TypeNames.ofValues(values),
                overloads.signatures());
    }

    private Choice pick(List<Candidate> candidates, Object[] values) {
        List<Fitting> fits = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            Object[] args = c.convert(values);
            if (args != null) {
                fits.add(new Fitting(c, args, c.cost(values)));
            }
        }
        if (fits.isEmpty()) {
            return null;
        }
        List<Fitting> top = cheapestMostSpecific(fits, Fitting::candidate, Fitting::cost, values.length);
        if (top.size() > 1) {
            throw OverloadException.ambiguous(overloads.callName(), TypeNames.ofValues(values),
                    top.stream().map(f -> f.candidate().invocable().signature()).toList());
        }
        return new Choice(top.get(0).candidate().invocable(), top.get(0).arguments());
    }

    /** The single winner, or the maximally specific candidates that tie at the lowest cost. */
    private static <T> List<T> cheapestMostSpecific(List<T> items, Function<T, Candidate> candidateOf,
            ToIntFunction<T> costOf, int argCount) {
        int min = Integer.MAX_VALUE;
        for (T item : items) {
            min = Math.min(min, costOf.applyAsInt(item));
        }
        List<T> tied = new ArrayList<>();
        for (T item : items) {
            if (costOf.applyAsInt(item) == min) {
                tied.add(item);
            }
        }
        if (tied.size() == 1) {
            return tied;
        }
        for (T item : tied) {
            boolean beatsAll = true;
            for (T other : tied) {
                if (other != item && !strictlyMoreSpecific(candidateOf.apply(item), candidateOf.apply(other), argCount)) {
                    beatsAll = false;
                    break;
                }
            }
            if (beatsAll) {
                return List.of(item);
            }
        }
        List<T> maximal = new ArrayList<>();
        for (T item : tied) {
            boolean dominated = false;
            for (T other : tied) {
                dominated |= other != item
                        && strictlyMoreSpecific(candidateOf.apply(other), candidateOf.apply(item), argCount);
            }
            if (!dominated) {
                maximal.add(item);
            }
        }
        return maximal;
    }

    private static boolean strictlyMoreSpecific(Candidate a, Candidate b, int argCount) {
        return moreSpecific(a, b, argCount) && !moreSpecific(b, a, argCount);
    }

    private static boolean moreSpecific(Candidate a, Candidate b, int argCount) {
        int n = argCount;
        if (a.variableArity() && b.variableArity()) {
            n = Math.max(n, Math.max(a.invocable().arity(), b.invocable().arity()));
        }
        for (int i = 0; i < n; i++) {
            if (!TypeOrder.isAssignable(a.typeAt(i), b.typeAt(i))) {
                return false;
            }
        }
        return true;
    }
}
