package org.pyacq.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the top-level keys of a msgpack map without decoding its values (they are skipped by
 * their declared sizes). Used to route replies cheaply before their contents are decoded.
 * Throws {@link WireFormatException} on anything that is not well-formed msgpack.
 */
final class MsgpackScan {
    private final ByteBuffer in;

    MsgpackScan(ByteBuffer frame) {
        this.in = frame.duplicate();
    }

    /** Reads a map header; returns the number of entries. */
    int mapHeader() {
        int b = u8();
        if ((b & 0xf0) == 0x80) {
            return b & 0x0f;
        } else if (b == 0xde) {
            return u16();
        } else if (b == 0xdf) {
            return len32();
        }
        throw new WireFormatException("a reply must be a map");
    }

    /** Reads a string, or returns null (and skips the value) if the next value is not a string. */
    String stringOrSkip() {
        int b = peek();
        int len;
        if ((b & 0xe0) == 0xa0) {
            u8();
            len = b & 0x1f;
        } else if (b == 0xd9) {
            u8();
            len = u8();
        } else if (b == 0xda) {
            u8();
            len = u16();
        } else if (b == 0xdb) {
            u8();
            len = len32();
        } else {
            skip();
            return null;
        }
        need(len);
        String s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
        in.position(in.position() + len);
        return s;
    }

    /** Reads an integer, or returns null (and skips the value) if the next value is not an integer. */
    Long integerOrSkip() {
        int b = peek();
        if (b <= 0x7f) {
            u8();
            return (long) b;
        } else if (b >= 0xe0) {
            u8();
            return (long) (byte) b;
        }
        switch (b) {
            case 0xcc: u8(); return (long) u8();
            case 0xcd: u8(); return (long) u16();
            case 0xce: u8(); need(4); return in.getInt() & 0xffffffffL;
            case 0xcf: u8(); need(8); return in.getLong();
            case 0xd0: u8(); need(1); return (long) in.get();
            case 0xd1: u8(); need(2); return (long) in.getShort();
            case 0xd2: u8(); need(4); return (long) in.getInt();
            case 0xd3: u8(); need(8); return in.getLong();
            default:
                skip();
                return null;
        }
    }

    /** Skips one value of any kind. */
    void skip() {
        skip(0);
    }

    private void skip(int depth) {
        if (depth > 256) {
            throw new WireFormatException("reply nested too deeply");
        }
        int b = u8();
        if (b <= 0x7f || b >= 0xe0 || b == 0xc0 || b == 0xc2 || b == 0xc3) {
            return;
        }
        if ((b & 0xe0) == 0xa0) {
            bytes(b & 0x1f);
        } else if ((b & 0xf0) == 0x90) {
            items(b & 0x0f, depth);
        } else if ((b & 0xf0) == 0x80) {
            items(2L * (b & 0x0f), depth);
        } else {
            switch (b) {
                case 0xcc: case 0xd0: bytes(1); break;
                case 0xcd: case 0xd1: bytes(2); break;
                case 0xca: case 0xce: case 0xd2: bytes(4); break;
                case 0xcb: case 0xcf: case 0xd3: bytes(8); break;
                case 0xd9: case 0xc4: bytes(u8()); break;
                case 0xda: case 0xc5: bytes(u16()); break;
                case 0xdb: case 0xc6: bytes(len32()); break;
                case 0xdc: items(u16(), depth); break;
                case 0xdd: items(len32(), depth); break;
                case 0xde: items(2L * u16(), depth); break;
                case 0xdf: items(2L * len32(), depth); break;
                case 0xd4: bytes(2); break;
                case 0xd5: bytes(3); break;
                case 0xd6: bytes(5); break;
                case 0xd7: bytes(9); break;
                case 0xd8: bytes(17); break;
                case 0xc7: bytes(u8() + 1); break;
                case 0xc8: bytes(u16() + 1); break;
                case 0xc9: bytes(len32() + 1); break;
                default: throw new WireFormatException("invalid msgpack byte 0x" + Integer.toHexString(b));
            }
        }
    }

    private void items(long n, int depth) {
        if (n > in.remaining()) {
            throw new WireFormatException("msgpack container declares " + n + " items in " + in.remaining() + " bytes");
        }
        for (long i = 0; i < n; i++) {
            skip(depth + 1);
        }
    }

    private void bytes(int n) {
        need(n);
        in.position(in.position() + n);
    }

    private int peek() {
        need(1);
        return in.get(in.position()) & 0xff;
    }

    private int u8() {
        need(1);
        return in.get() & 0xff;
    }

    private int u16() {
        need(2);
        return in.getShort() & 0xffff;
    }

    private int len32() {
        need(4);
        int n = in.getInt();
        if (n < 0) {
            throw new WireFormatException("msgpack length over 2 GiB");
        }
        return n;
    }

    private void need(int n) {
        if (n < 0 || in.remaining() < n) {
            throw new WireFormatException("msgpack value runs past the end of the frame");
        }
    }
}
