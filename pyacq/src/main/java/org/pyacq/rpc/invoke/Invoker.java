package org.pyacq.rpc.invoke;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Executes remote requests against Java objects: what an RPC server does for {@code import},
 * attribute walks and {@code call_obj} (PROTOCOL.md section 9). Pure logic, no sockets or threads;
 * safe to use from several threads. Reflection is done once per class and the overload choice
 * once per argument-class shape, so repeated calls cost a map lookup and a reflective invoke.
 *
 * <pre>{@code
 * Invoker invoker = new Invoker(InvokerOptions.defaults());
 * Object listClass = invoker.importName("java.util.ArrayList");           // class java.util.ArrayList
 * Object list = invoker.call(listClass, List.of());                       // new ArrayList()
 * invoker.call(invoker.getAttribute(list, "add"), List.of("x"));          // add(Object)
 * invoker.call(invoker.getAttribute(list, "add"), List.of(0L, "first"));  // add(int, Object): Long 0 fits an int
 * invoker.call(invoker.getAttribute(list, "__len__"), List.of());         // 2
 * }</pre>
 *
 * <p>Walks give plain values for fields, {@link MethodGroup}s for methods, {@link SpecialMethod}s
 * for Python special names, {@link PackageRef}s for packages, and a {@link FieldOrMethods} when a
 * field and methods share a name: use {@link #valueOf} for the value a GET should return, and
 * {@link #call} on the walk result to call the methods.
 *
 * <p>Errors raised here are {@link InvokeException}s with messages meant for the remote user;
 * exceptions thrown by the invoked Java code pass through unchanged (checked ones too).
 */
public final class Invoker {

    private final InvokerOptions options;
    private final ClassModels models = new ClassModels();
    private final RemoteObjects remotes;
    private final AccessPolicy policy;
    private final OverloadResolver resolver;
    private final PackageIndex packageIndex;
    private final SpecialNames specials;
    private final AttributeWalker walker;
    private final ImportResolver imports;

    /** An invoker with {@link InvokerOptions#defaults()}. */
    public Invoker() {
        this(InvokerOptions.defaults());
    }

    public Invoker(InvokerOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.remotes = options.remoteObjects();
        this.policy = options.accessPolicy();
        Conversions conversions = new Conversions(remotes);
        this.resolver = new OverloadResolver(conversions);
        this.packageIndex = PackageIndex.of(options.classLoader());
        this.specials = new SpecialNames(this, models, conversions, policy, packageIndex);
        this.walker = new AttributeWalker(models, options, packageIndex, specials);
        this.imports = new ImportResolver(options, packageIndex, walker);
    }

    public InvokerOptions options() {
        return options;
    }

    /** The packages and classes this invoker's class loader sees (built on first use); for completion. */
    public PackageIndex packageIndex() {
        return packageIndex;
    }

    /**
     * The {@code import} action: a class ({@code java.util.Map$Entry} or {@code java.util.Map.Entry}),
     * a static member after a class ({@code java.lang.System.out}), or a package ({@link PackageRef}).
     *
     * @throws ImportNotFoundException if the name is neither a class nor a package
     * @throws AccessDeniedException   if the access policy refuses the class or a member
     */
    public Object importName(String dotted) {
        return imports.importName(dotted);
    }

    /**
     * One step of an attribute walk (GET context): a field value, a {@link MethodGroup}, a nested
     * class, a sub-package, a {@link SpecialMethod}, or a {@link FieldOrMethods}. A name with
     * parameter types, like {@code remove(int)} or {@code <init>(String)} on a class, selects one
     * overload. A {@link FieldOrMethods} target is walked as its field value.
     *
     * @throws AttributeNotFoundException naming the target and suggesting the closest name
     * @throws AccessDeniedException      if the access policy refuses the target's class or the member
     */
    public Object getAttribute(Object target, String name) {
        return walker.get(target, name);
    }

    /** {@link #getAttribute} repeated for each name; the last step's result is returned as is. */
    public Object walk(Object root, List<String> names) {
        Object current = root;
        for (String name : names) {
            current = walker.get(current, name);
        }
        return current;
    }

    /** The value a walk result stands for: the field value of a {@link FieldOrMethods}, else the result itself. */
    public Object valueOf(Object walked) {
        return walked instanceof FieldOrMethods f ? f.value() : walked;
    }

    /**
     * The {@code call_obj} action. Classes are constructed, method groups and functional objects
     * called with the overload that fits the arguments best, special names run, remote objects
     * called through {@link RemoteObjects#callRemote}.
     *
     * @param args the positional arguments (may contain nulls)
     * @return the result; null for void methods
     * @throws OverloadException    when no overload fits or several fit equally well
     * @throws NotCallableException when {@code callable} cannot be called
     */
    public Object call(Object callable, List<?> args) {
        Objects.requireNonNull(args, "args");
        Object[] values = args.toArray();
        if (callable != null && remotes.isRemote(callable)) {
            return remotes.callRemote(callable, new ArrayList<>(Arrays.asList(values)));
        }
        Object c = callable instanceof FieldOrMethods f ? f.methods() : callable;
        if (c instanceof MethodGroup g) {
            return resolver.invoke(g.overloads(), g.target(), values);
        }
        if (c instanceof SpecialMethod s) {
            return specials.invoke(s, Arrays.asList(values));
        }
        if (c instanceof Class<?> type) {
            return construct(type, values);
        }
        if (c == null) {
            throw new NotCallableException("null is not callable");
        }
        if (c instanceof PackageRef p) {
            throw new NotCallableException(p + " is not callable; call one of its classes");
        }
        Overloads sam = models.of(c.getClass()).functionalMethods();
        if (sam == null) {
            throw new NotCallableException(c.getClass().getTypeName()
                    + " is not callable: it is not a class, a method or an instance of a functional interface");
        }
        return resolver.invoke(sam, c, values);
    }

    private Object construct(Class<?> type, Object[] values) {
        policy.checkClass(type);
        policy.checkMember(type, Overloads.CONSTRUCTOR);
        Overloads constructors = models.of(type).constructors();
        if (constructors == null) {
            throw new NotCallableException(whyNotConstructible(type));
        }
        return resolver.invoke(constructors, null, values);
    }

    private static String whyNotConstructible(Class<?> type) {
        String name = "cannot construct " + type.getTypeName() + ": ";
        if (type.isPrimitive()) {
            return name + "it is a primitive type";
        } else if (type.isArray()) {
            return name + "arrays have no constructors (use java.lang.reflect.Array.newInstance)";
        } else if (type.isInterface()) {
            return name + "it is an interface";
        } else if (Modifier.isAbstract(type.getModifiers())) {
            return name + "it is abstract";
        } else if (!Accessibility.isAccessible(type)) {
            return name + "the class is not public";
        }
        return name + "it has no public constructor";
    }

    /** True for classes that can be constructed, methods, special names, functional objects and remote objects. */
    public boolean isCallable(Object value) {
        if (value == null || value instanceof PackageRef) {
            return false;
        }
        if (remotes.isRemote(value) || value instanceof MethodGroup || value instanceof SpecialMethod
                || value instanceof FieldOrMethods) {
            return true;
        }
        if (value instanceof Class<?> c) {
            return models.of(c).constructors() != null;
        }
        return models.of(value.getClass()).functionalMethods() != null;
    }

    /**
     * The text for a proxy's {@code type_str}: {@code java.util.ArrayList} for instances,
     * {@code class java.util.ArrayList}, {@code package java.util}, {@code method java.util.ArrayList.add}.
     */
    public String typeString(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof Class<?> c) {
            return "class " + c.getTypeName();
        } else if (value instanceof PackageRef || value instanceof MethodGroup || value instanceof SpecialMethod) {
            return value.toString();
        } else if (value instanceof FieldOrMethods f) {
            return typeString(f.value());
        }
        return value.getClass().getTypeName();
    }

    /** Classes scanned by reflection so far; tests use it to check the cache. */
    int classScans() {
        return models.scans();
    }

    /** Overload plans built so far; tests use it to check the cache. */
    int callPlansBuilt() {
        return resolver.plansBuilt();
    }

    OverloadResolver resolver() {
        return resolver;
    }
}
