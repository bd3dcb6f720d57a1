package org.pyacq.rpc.invoke;

import java.util.Objects;

/**
 * Settings of an {@link Invoker}: where classes are loaded from, what remote callers may reach, and
 * how proxies to other servers are handled.
 *
 * <pre>{@code
 * InvokerOptions options = InvokerOptions.builder()
 *         .classLoader(pluginLoader)
 *         .accessPolicy(PackageAccessPolicy.builder().deny("java.lang.Runtime").build())
 *         .build();
 * }</pre>
 */
public final class InvokerOptions {

    private final ClassLoader classLoader;
    private final AccessPolicy accessPolicy;
    private final RemoteObjects remoteObjects;

    private InvokerOptions(Builder b) {
        this.classLoader = b.classLoader;
        this.accessPolicy = b.accessPolicy;
        this.remoteObjects = b.remoteObjects;
    }

    /** The thread's context class loader, {@link AccessPolicy#ALLOW_ALL} and {@link RemoteObjects#NONE}. */
    public static InvokerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads the classes named by imports. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    public AccessPolicy accessPolicy() {
        return accessPolicy;
    }

    public RemoteObjects remoteObjects() {
        return remoteObjects;
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return builder().classLoader(classLoader).accessPolicy(accessPolicy).remoteObjects(remoteObjects);
    }

    @Override
    public String toString() {
        return "InvokerOptions[classLoader=" + classLoader + ", accessPolicy=" + accessPolicy
                + ", remoteObjects=" + remoteObjects + "]";
    }

    /** Collects settings; {@link #build()} fills defaults and validates. */
    public static final class Builder {
        private ClassLoader classLoader;
        private boolean classLoaderSet;
        private AccessPolicy accessPolicy = AccessPolicy.ALLOW_ALL;
        private RemoteObjects remoteObjects = RemoteObjects.NONE;

        private Builder() {
        }

        /** Default: the context class loader of the thread calling {@link #build()}. */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            this.classLoaderSet = true;
            return this;
        }

        /** Default: {@link AccessPolicy#ALLOW_ALL}. */
        public Builder accessPolicy(AccessPolicy policy) {
            this.accessPolicy = policy;
            return this;
        }

        /** Default: {@link RemoteObjects#NONE}. */
        public Builder remoteObjects(RemoteObjects remotes) {
            this.remoteObjects = remotes;
            return this;
        }

        /** @throws NullPointerException naming a setting that was set to null */
        public InvokerOptions build() {
            if (!classLoaderSet) {
                ClassLoader context = Thread.currentThread().getContextClassLoader();
                classLoader = context != null ? context : InvokerOptions.class.getClassLoader();
            }
            Objects.requireNonNull(classLoader, "classLoader must not be null (leave it unset for the context loader)");
            Objects.requireNonNull(accessPolicy, "accessPolicy must not be null (use AccessPolicy.ALLOW_ALL)");
            Objects.requireNonNull(remoteObjects, "remoteObjects must not be null (use RemoteObjects.NONE)");
            return new InvokerOptions(this);
        }
    }
}
