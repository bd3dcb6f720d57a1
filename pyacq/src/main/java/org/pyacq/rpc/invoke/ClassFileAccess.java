package org.pyacq.rpc.invoke;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a class file's access flags without loading the class, so that listing a package does not
 * load (and initialize the dependencies of) every class in it.
 */
final class ClassFileAccess {

    private static final int ACC_PUBLIC = 0x0001;
    private static final int ACC_SYNTHETIC = 0x1000;
    private static final int ACC_MODULE = 0x8000;

    private ClassFileAccess() {
    }

    /** True if the class file declares a public, non-synthetic class or interface. */
    static boolean isPublic(InputStream classFile) throws IOException {
        DataInputStream in = new DataInputStream(classFile);
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.skipNBytes(4); // minor and major version
        int count = in.readUnsignedShort();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> in.skipNBytes(in.readUnsignedShort()); // Utf8
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2); // Class, String, MethodType, Module, Package
                case 15 -> in.skipNBytes(3); // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8); // Long and Double take two slots
                    i++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        int access = in.readUnsignedShort();
        return (access & ACC_PUBLIC) != 0 && (access & (ACC_SYNTHETIC | ACC_MODULE)) == 0;
    }
}
