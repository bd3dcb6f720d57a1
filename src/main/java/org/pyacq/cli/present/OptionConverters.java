package org.pyacq.cli.present;

import java.util.Locale;
import org.pyacq.daemon.RestartPolicy;
import org.pyacq.log.PythonLevels;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values checked while the command line is parsed, so a bad one is a usage error (exit 2). */
public final class OptionConverters {
    private OptionConverters() {
    }

    /** A log level: debug, info, warning, error, critical (also trace, warn, fatal) or 0 to 50; kept as text. */
    public static final class LogLevel implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String t = value.strip().toLowerCase(Locale.ROOT);
            if (PythonLevels.parseName(t) >= 0) {
                return t;
            }
            try {
                int n = Integer.parseInt(t);
                if (n >= 0 && n <= 50) {
                    return Integer.toString(n);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a log level; use debug, info, warning, error, "
                    + "critical or a number from 0 to 50");
        }
    }

    /** A restart policy: no, on-failure or always. */
    public static final class Restart implements ITypeConverter<RestartPolicy> {
        @Override
        public RestartPolicy convert(String value) {
            try {
                return RestartPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a restart policy; use no, on-failure or always");
            }
        }
    }

    /** A number of seconds above zero, e.g. 0.5 or 30. */
    public static final class PositiveSeconds implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d;
            try {
                d = Double.parseDouble(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a number of seconds");
            }
            if (!(d > 0) || Double.isInfinite(d)) {
                throw new TypeConversionException("'" + value + "' is not a positive number of seconds");
            }
            return d;
        }
    }

    /** A whole number, 0 or more. */
    public static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n;
            try {
                n = Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a whole number");
            }
            if (n < 0) {
                throw new TypeConversionException("'" + value + "' is negative; give 0 or more");
            }
            return n;
        }
    }

    /** Seconds as the daemon's settings write them: "0.5", "30". */
    public static String seconds(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
