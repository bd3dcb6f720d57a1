package org.pyacq.rpc.invoke;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * {@code __dir__} and {@code __inspect__}: what a REPL shows about a target. Everything returned is
 * plain data (strings, lists, maps, booleans), so it travels by value.
 */
final class Inspector {

    private final ClassModels models;
    private final PackageIndex packageIndex;
    private final SpecialNames specials;

    Inspector(ClassModels models, PackageIndex packageIndex, SpecialNames specials) {
        this.models = models;
        this.packageIndex = packageIndex;
        this.specials = specials;
    }

    /** Sorted names usable as attributes of {@code target}, special names that apply included. */
    List<String> dir(Object target) {
        SortedSet<String> names = new TreeSet<>(specials.applicableTo(target));
        if (target instanceof PackageRef p) {
            names.addAll(packageIndex.classNames(p.name()));
            names.addAll(packageIndex.subPackages(p.name()));
        } else if (target instanceof Class<?> c) {
            names.addAll(models.of(c).staticMemberNames());
            names.addAll(models.of(Class.class).instanceMemberNames());
        } else {
            names.addAll(models.of(target.getClass()).instanceMemberNames());
            if (target.getClass().isArray()) {
                names.add("length");
            }
        }
        return List.copyOf(names);
    }

    /**
     * A description of {@code target}: {@code type} and {@code kind} (class, instance, package or
     * method), then {@code fields} (maps of name, type, static), {@code methods} (signatures like
     * {@code add(int, Object) -> boolean}), {@code constructors} and {@code classes} for classes,
     * {@code classes} and {@code packages} for packages, and the {@code specials} that apply.
     */
    Map<String, Object> inspect(Object target) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (target instanceof PackageRef p) {
            out.put("type", p.name());
            out.put("kind", "package");
            out.put("classes", List.copyOf(packageIndex.classNames(p.name())));
            out.put("packages", List.copyOf(packageIndex.subPackages(p.name())));
        } else if (target instanceof Class<?> c) {
            ClassModel model = models.of(c);
            out.put("type", c.getTypeName());
            out.put("kind", "class");
            out.put("fields", fields(model.staticFields()));
            out.put("methods", signatures(model.staticMethods()));
            Overloads constructors = model.constructors();
            out.put("constructors", constructors == null ? List.of()
                    : constructors.candidates().stream().map(Invocable::signature).toList());
            out.put("classes", List.copyOf(model.nestedClasses().keySet()));
        } else if (target instanceof MethodGroup g) {
            out.put("type", g.owner().getTypeName() + "." + g.name());
            out.put("kind", "method");
            out.put("static", g.isStatic());
            out.put("methods", g.signatures());
        } else if (target instanceof SpecialMethod s) {
            out.put("type", s.toString().substring("method ".length()));
            out.put("kind", "method");
            out.put("static", false);
            out.put("methods", List.of(s.name()));
        } else {
            ClassModel model = models.of(target.getClass());
            out.put("type", target.getClass().getTypeName());
            out.put("kind", "instance");
            out.put("fields", fields(model.instanceFields()));
            out.put("methods", signatures(model.instanceMethods()));
        }
        out.put("specials", List.copyOf(specials.applicableTo(target)));
        return out;
    }

    private static List<Map<String, Object>> fields(SortedMap<String, Field> fields) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Field f : fields.values()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", f.getName());
            entry.put("type", TypeNames.simple(f.getType()));
            entry.put("static", Modifier.isStatic(f.getModifiers()));
            out.add(entry);
        }
        return out;
    }

    private static List<String> signatures(SortedMap<String, Overloads> methods) {
        List<String> out = new ArrayList<>();
        for (Overloads group : methods.values()) {
            for (Invocable i : group.candidates()) {
                out.add(i.signatureWithResult());
            }
        }
        return out;
    }
}
