package org.pyacq.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Derives hostile requests from valid ones: flips, overwrites, inserts, deletes and duplicates bytes,
 * truncates frames, plants huge length headers and deep nesting, and drops, duplicates, swaps, adds
 * or splices whole frames. Deterministic for a given seed.
 */
final class RequestMutator {
    private static final byte[] INTERESTING = {0, 1, -1, 0x7f, (byte) 0x80, (byte) 0xc0, (byte) 0xc1, (byte) 0xc6,
        (byte) 0xd4, (byte) 0xdb, (byte) 0xdc, (byte) 0xdd, (byte) 0xde, (byte) 0xdf, (byte) 0x91, (byte) 0x81,
        '{', '[', '"', '\\', ':', ','};
    /** msgpack headers that declare far more than any frame holds: bin32, str32, array32, map32. */
    private static final byte[][] HUGE_HEADERS = {
        {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xf0},
        {(byte) 0xdd, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        {(byte) 0xdf, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},
        {(byte) 0xdd, 0x00, 0x10, 0x00, 0x00},
    };
    private static final String[] IDS = {"-1", "", "abc", "99999999999999999999999", "-0", "+5", "0x10", " 7",
        "9223372036854775807", "-9223372036854775808"};
    private static final String[] NAMES = {"msgpack", "json", "ping", "close_obj", "call_obj", "value", "proxy", ""};

    private final Random random;
    private final List<List<byte[]>> corpus;

    RequestMutator(long seed, List<List<byte[]>> corpus) {
        this.random = new Random(seed);
        this.corpus = corpus;
    }

    /** A new hostile request: a copy of a random valid one with one to four mutations. */
    List<byte[]> next() {
        List<byte[]> frames = new ArrayList<>();
        for (byte[] f : corpus.get(random.nextInt(corpus.size()))) {
            frames.add(f.clone());
        }
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            mutate(frames);
        }
        if (frames.isEmpty()) {
            frames.add(new byte[0]);
        }
        return frames;
    }

    private void mutate(List<byte[]> frames) {
        if (frames.isEmpty()) {
            frames.add(randomBytes(1 + random.nextInt(8)));
            return;
        }
        int which = random.nextInt(frames.size());
        // most mutations go to the options frame, where the decoders work
        if (frames.size() == 5 && random.nextInt(3) > 0) {
            which = 4;
        }
        byte[] f = frames.get(which);
        switch (random.nextInt(16)) {
            case 0 -> flipBit(f);
            case 1 -> overwrite(f);
            case 2 -> frames.set(which, insert(f, randomBytes(1 + random.nextInt(16))));
            case 3 -> frames.set(which, insert(f, HUGE_HEADERS[random.nextInt(HUGE_HEADERS.length)]));
            case 4 -> frames.set(which, delete(f));
            case 5 -> frames.set(which, duplicateRange(f));
            case 6 -> frames.set(which, Arrays.copyOf(f, f.length == 0 ? 0 : random.nextInt(f.length)));
            case 7 -> frames.set(which, deepNesting(f));
            case 8 -> frames.remove(which);
            case 9 -> frames.add(which, frames.get(which).clone());
            case 10 -> frames.add(random.nextInt(frames.size() + 1), randomBytes(random.nextInt(12)));
            case 11 -> {
                int other = random.nextInt(frames.size());
                frames.set(which, frames.get(other));
                frames.set(other, f);
            }
            case 12 -> {
                List<byte[]> donor = corpus.get(random.nextInt(corpus.size()));
                int k = Math.min(which, donor.size() - 1);
                frames.set(which, donor.get(k).clone());
            }
            case 13 -> frames.set(0, IDS[random.nextInt(IDS.length)].getBytes(StandardCharsets.US_ASCII));
            case 14 -> frames.set(which, NAMES[random.nextInt(NAMES.length)].getBytes(StandardCharsets.US_ASCII));
            default -> overwrite(f);
        }
    }

    private void flipBit(byte[] f) {
        if (f.length > 0) {
            f[random.nextInt(f.length)] ^= (byte) (1 << random.nextInt(8));
        }
    }

    private void overwrite(byte[] f) {
        if (f.length > 0) {
            f[random.nextInt(f.length)] = INTERESTING[random.nextInt(INTERESTING.length)];
        }
    }

    private byte[] insert(byte[] f, byte[] what) {
        int at = random.nextInt(f.length + 1);
        byte[] out = new byte[f.length + what.length];
        System.arraycopy(f, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(f, at, out, at + what.length, f.length - at);
        return out;
    }

    private byte[] delete(byte[] f) {
        if (f.length == 0) {
            return f;
        }
        int from = random.nextInt(f.length);
        int len = 1 + random.nextInt(Math.min(16, f.length - from));
        byte[] out = new byte[f.length - len];
        System.arraycopy(f, 0, out, 0, from);
        System.arraycopy(f, from + len, out, from, f.length - from - len);
        return out;
    }

    private byte[] duplicateRange(byte[] f) {
        if (f.length == 0) {
            return f;
        }
        int from = random.nextInt(f.length);
        int len = 1 + random.nextInt(f.length - from);
        return insert(f, Arrays.copyOfRange(f, from, from + len));
    }

    /** Wraps the frame in many levels of one-item lists (msgpack) or brackets (JSON). */
    private byte[] deepNesting(byte[] f) {
        int depth = 100 + random.nextInt(5000);
        byte[] prefix = new byte[depth];
        Arrays.fill(prefix, random.nextBoolean() ? (byte) 0x91 : (byte) '[');
        return insert(f, prefix);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
