package org.pyacq.rpc.invoke;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One step of an attribute walk, PROTOCOL.md section 9: a special name, a package member, a static
 * member of a class, or an instance member; remote objects are asked through
 * {@link RemoteObjects#remoteAttribute}. Checks the access policy on every step.
 */
final class AttributeWalker {

    private final ClassModels models;
    private final AccessPolicy policy;
    private final RemoteObjects remotes;
    private final ClassLoader loader;
    private final PackageIndex packageIndex;
    private final SpecialNames specials;

    AttributeWalker(ClassModels models, InvokerOptions options, PackageIndex packageIndex, SpecialNames specials) {
        this.models = models;
        this.policy = options.accessPolicy();
        this.remotes = options.remoteObjects();
        this.loader = options.classLoader();
        this.packageIndex = packageIndex;
        this.specials = specials;
    }

    Object get(Object target, String name) {
        Objects.requireNonNull(name, "name");
        Object t = target instanceof FieldOrMethods f ? f.value() : target;
        if (t == null) {
            throw new AttributeNotFoundException("null", "field or method", name, null);
        }
        if (remotes.isRemote(t)) {
            return remotes.remoteAttribute(t, name);
        }
        if (SpecialNames.isSpecialName(name)) {
            return special(t, name);
        }
        if (t instanceof PackageRef p) {
            return packageMember(p, name);
        }
        if (t instanceof Class<?> c) {
            return classMember(c, name);
        }
        return instanceMember(t, name);
    }

    private Object special(Object target, String name) {
        if (!(target instanceof PackageRef)) {
            Class<?> owner = target instanceof Class<?> c ? c : target.getClass();
            policy.checkClass(owner);
            policy.checkMember(owner, name);
        }
        SpecialMethod bound = specials.bind(target, name);
        if (bound == null) {
            throw notFound(target, name, specials.hintFor(target, name));
        }
        return bound;
    }

    private Object packageMember(PackageRef p, String name) {
        Class<?> c = ImportResolver.tryLoad(p.child(name), loader);
        if (c != null) {
            policy.checkClass(c);
            return c;
        }
        if (packageIndex.isPackage(p.child(name))) {
            return new PackageRef(p.child(name));
        }
        throw notFound(p, name, null);
    }

    private Object classMember(Class<?> c, String name) {
        policy.checkClass(c);
        policy.checkMember(c, name);
        ClassModel model = models.of(c);
        if (ExactSignature.isSignature(name)) {
            return new MethodGroup(null, c, model.exactSignature(name, true));
        }
        Field field = model.staticFields().get(name);
        Overloads methods = model.staticMethods().get(name);
        if (field != null) {
            Object value = read(field, null);
            return methods == null ? value : new FieldOrMethods(field, value, new MethodGroup(null, c, methods));
        }
        Class<?> nested = model.nestedClasses().get(name);
        if (nested != null) {
            policy.checkClass(nested);
            return nested;
        }
        if (methods != null) {
            return new MethodGroup(null, c, methods);
        }
        // members of the Class object itself, so that String.getName() works
        Overloads classMethods = models.of(Class.class).instanceMethods().get(name);
        if (classMethods != null) {
            policy.checkMember(Class.class, name);
            return new MethodGroup(c, Class.class, classMethods);
        }
        throw notFound(c, name, null);
    }

    private Object instanceMember(Object target, String name) {
        Class<?> type = target.getClass();
        policy.checkClass(type);
        policy.checkMember(type, name);
        ClassModel model = models.of(type);
        if (ExactSignature.isSignature(name)) {
            return new MethodGroup(target, type, model.exactSignature(name, false));
        }
        if (type.isArray() && name.equals("length")) {
            return Array.getLength(target);
        }
        Field field = model.instanceFields().get(name);
        Overloads methods = model.instanceMethods().get(name);
        if (field != null) {
            Object value = read(field, target);
            return methods == null ? value : new FieldOrMethods(field, value, new MethodGroup(target, type, methods));
        }
        if (methods != null) {
            return new MethodGroup(target, type, methods);
        }
        throw notFound(target, name, null);
    }

    /** The error for a missing name, suggesting the closest known one when no other hint is given. */
    private AttributeNotFoundException notFound(Object target, String name, String hint) {
        SortedSet<String> known = new TreeSet<>(specials.applicableTo(target));
        String owner;
        String kind;
        if (target instanceof PackageRef p) {
            owner = p.toString();
            kind = "class or sub-package";
            known.addAll(packageIndex.classNames(p.name()));
            known.addAll(packageIndex.subPackages(p.name()));
        } else if (target instanceof Class<?> c) {
            owner = c.getTypeName();
            kind = "static field, method or nested class";
            known.addAll(models.of(c).staticMemberNames());
            known.addAll(models.of(Class.class).instanceMemberNames());
        } else {
            owner = target.getClass().getTypeName();
            kind = "field or method";
            known.addAll(models.of(target.getClass()).instanceMemberNames());
            if (target.getClass().isArray()) {
                known.add("length");
            }
        }
        return new AttributeNotFoundException(owner, kind, name, hint != null ? hint : NameSuggester.hint(name, known));
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new InvokeException("cannot read field " + field.getDeclaringClass().getTypeName() + "."
                    + field.getName() + ": " + e.getMessage(), e);
        }
    }
}
