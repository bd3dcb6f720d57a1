package org.pyacq.rpc.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InvokerOptionsTest {

    @Test
    void defaultsAreTheContextLoaderAllowAllAndNoRemotes() {
        InvokerOptions options = InvokerOptions.defaults();
        assertSame(Thread.currentThread().getContextClassLoader(), options.classLoader());
        assertSame(AccessPolicy.ALLOW_ALL, options.accessPolicy());
        assertSame(RemoteObjects.NONE, options.remoteObjects());
    }

    @Test
    void nullSettingsAreRefusedWhenBuilt() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> InvokerOptions.builder().accessPolicy(null).build());
        assertEquals("accessPolicy must not be null (use AccessPolicy.ALLOW_ALL)", e.getMessage());
        assertThrows(NullPointerException.class, () -> InvokerOptions.builder().classLoader(null).build());
    }

    @Test
    void toBuilderKeepsTheOtherSettings() {
        ClassLoader loader = new ClassLoader(null) { };
        InvokerOptions options = InvokerOptions.builder().classLoader(loader).build();
        InvokerOptions changed = options.toBuilder().accessPolicy(PackageAccessPolicy.builder().deny("java.lang").build()).build();
        assertSame(loader, changed.classLoader());
    }

    @Test
    void classesAreLoadedFromTheGivenLoader() {
        Invoker isolated = new Invoker(InvokerOptions.builder().classLoader(new ClassLoader(null) { }).build());
        assertThrows(ImportNotFoundException.class, () -> isolated.importName("org.pyacq.rpc.invoke.Fixtures"));
        assertSame(String.class, isolated.importName("java.lang.String"));
    }
}
