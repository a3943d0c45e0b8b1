package dev.gust.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * One function's hybrid histogram keep-alive policy (Shahrad et al., "Serverless in the Wild", USENIX ATC
 * 2020): a range-limited histogram of the function's idle times (from the end of one invocation to the start
 * of the next) decides how long after an invocation to unload its instance and when to load it again.
 *
 * <p>While the histogram is representative ({@link Mode#HISTOGRAM}): the pre-warm window is the
 * {@value #HEAD_PERCENTILE}th percentile of the idle times, rounded down to its bin's lower edge and shortened
 * by {@link #MARGIN}; the keep-alive window is the {@value #TAIL_PERCENTILE}th percentile, rounded up to its
 * bin's upper edge, minus the pre-warm window, lengthened by {@link #MARGIN}. After an invocation ends the caller
 * unloads the instance at once and loads it again when the pre-warm window has passed, then keeps it for the
 * keep-alive window; with a zero pre-warm window it keeps it loaded for the keep-alive window. Otherwise the
 * policy answers the fixed keep-alive with no pre-warm, and the {@link Mode} says why.
 *
 * <p>Thread-safe; every method is short, allocation-light and never blocks for long (the node calls it under
 * its placement lock). Reads no clock: the caller measures idle times with its own.
 */
public final class HybridKeepAlive {
    /** The width of one histogram bin. */
    public static final Duration BIN_WIDTH = Duration.ofMinutes(1);
    /** The histogram's range; longer idle times are counted as out of range. */
    public static final Duration RANGE = Duration.ofHours(4);
    /** The percentile of idle times that sets the pre-warm window. */
    public static final double HEAD_PERCENTILE = 5;
    /** The percentile of idle times that sets the end of the keep-alive window. */
    public static final double TAIL_PERCENTILE = 99;
    /** Pre-warm is shortened, and keep-alive lengthened, by this share. */
    public static final double MARGIN = 0.10;
    /** Fewer idle times than this and the fixed keep-alive applies. */
    public static final int MIN_SAMPLES = 10;
    /** The coefficient of variation of the bin counts must exceed this for the histogram to be used. */
    public static final double CV_THRESHOLD = 2.0;
    /** A larger share of idle times beyond {@link #RANGE} and the fixed keep-alive applies. */
    public static final double OUT_OF_RANGE_SHARE = 0.5;

    static final int BINS = (int) (RANGE.toMillis() / BIN_WIDTH.toMillis());
    private static final long BIN_MS = BIN_WIDTH.toMillis();

    private final Duration fixedKeepAlive;
    private final Windows fixed;
    private final long[] counts = new long[BINS];
    private long inRange;
    private long outOfRange;
    /** The sum of the squared bin counts, kept as counts change so the CV costs nothing to compute. */
    private long sumOfSquares;
    /** The highest non-empty bin: the tail scan starts here, so a busy function's scan stays short. */
    private int highestBin = -1;
    private Windows cached;

    private HybridKeepAlive(Duration fixedKeepAlive) {
        this.fixedKeepAlive = fixedKeepAlive;
        this.fixed = new Windows(Duration.ZERO, fixedKeepAlive, Mode.TOO_FEW_SAMPLES);
        this.cached = fixed;
    }

    /**
     * A policy with no idle times recorded yet.
     *
     * @param fixedKeepAlive the keep-alive used while the histogram is not representative (the node's
     *     {@code keepAlive}); zero or positive
     * @throws IllegalArgumentException if {@code fixedKeepAlive} is negative
     */
    public static HybridKeepAlive create(Duration fixedKeepAlive) {
        Objects.requireNonNull(fixedKeepAlive, "fixedKeepAlive");
        if (fixedKeepAlive.isNegative()) {
            throw new IllegalArgumentException("fixedKeepAlive must be zero or positive, was " + fixedKeepAlive);
        }
        return new HybridKeepAlive(fixedKeepAlive);
    }

    /** Why the windows are what they are. */
    public enum Mode {
        /** learned from the histogram */
        HISTOGRAM,
        /** fewer than {@link #MIN_SAMPLES} idle times: the fixed keep-alive */
        TOO_FEW_SAMPLES,
        /** the bin counts' coefficient of variation is at most {@link #CV_THRESHOLD}: the fixed keep-alive */
        UNCLEAR_PATTERN,
        /**
         * more than {@link #OUT_OF_RANGE_SHARE} of idle times exceed {@link #RANGE}: the fixed keep-alive (the paper
         * forecasts these with ARIMA; Gust does not)
         */
        OUT_OF_RANGE
    }

    /**
     * What to do with an instance after an invocation ends.
     *
     * @param prewarm how long to leave it unloaded first; zero keeps it loaded from the end of the invocation
     * @param keepAlive how long to keep it loaded after the pre-warm window
     * @param mode why
     */
    public record Windows(Duration prewarm, Duration keepAlive, Mode mode) {
        public Windows {
            Objects.requireNonNull(prewarm, "prewarm");
            Objects.requireNonNull(keepAlive, "keepAlive");
            Objects.requireNonNull(mode, "mode");
        }
    }

    /**
     * Records one idle time: from the end of the function's previous invocation to the start of this one.
     *
     * @throws IllegalArgumentException if {@code idleTime} is negative; nothing is recorded then
     */
    public synchronized void idleEnded(Duration idleTime) {
        Objects.requireNonNull(idleTime, "idleTime");
        if (idleTime.isNegative()) {
            throw new IllegalArgumentException("idleTime must be zero or positive (from the end of one invocation"
                    + " to the start of the next), was " + idleTime);
        }
        record(idleTime.toMillis());
        cached = null;
    }

    private void record(long idleMs) {
        if (idleMs >= RANGE.toMillis()) {
            outOfRange++;
            return;
        }
        int bin = (int) (idleMs / BIN_MS);
        sumOfSquares += 2 * counts[bin] + 1;
        counts[bin]++;
        inRange++;
        highestBin = Math.max(highestBin, bin);
    }

    /** The windows for the idle period starting now, from the idle times recorded so far. */
    public synchronized Windows windows() {
        if (cached == null) {
            cached = compute();
        }
        return cached;
    }

    /** How many idle times have been recorded, in range or not. */
    public synchronized long samples() {
        return inRange + outOfRange;
    }

    /** The coefficient of variation of the bin counts over the whole range (0 while empty). */
    public synchronized double binCountCv() {
        if (inRange == 0) {
            return 0;
        }
        double mean = (double) inRange / BINS;
        double variance = (double) sumOfSquares / BINS - mean * mean;
        return Math.sqrt(Math.max(0, variance)) / mean;
    }

    private Windows compute() {
        long samples = inRange + outOfRange;
        if (samples < MIN_SAMPLES) {
            return fixed;
        }
        if (outOfRange > OUT_OF_RANGE_SHARE * samples) {
            return new Windows(Duration.ZERO, fixedKeepAlive, Mode.OUT_OF_RANGE);
        }
        if (binCountCv() <= CV_THRESHOLD) {
            return new Windows(Duration.ZERO, fixedKeepAlive, Mode.UNCLEAR_PATTERN);
        }
        return fromHistogram();
    }

    private Windows fromHistogram() {
        long headMs = headBin() * BIN_MS;
        long tailMs = (tailBin() + 1) * BIN_MS;
        long prewarmMs = Math.round(headMs * (1 - MARGIN));
        long keepAliveMs = Math.round((tailMs - prewarmMs) * (1 + MARGIN));
        return new Windows(Duration.ofMillis(prewarmMs), Duration.ofMillis(keepAliveMs), Mode.HISTOGRAM);
    }

    /** The bin holding the head percentile: the first whose running count reaches its rank. */
    private long headBin() {
        long rank = rank(HEAD_PERCENTILE);
        long seen = 0;
        for (int bin = 0; bin <= highestBin; bin++) {
            seen += counts[bin];
            if (seen >= rank) {
                return bin;
            }
        }
        return highestBin;
    }

    /** The bin holding the tail percentile, found from the top: fewer than its rank's complement lie above. */
    private long tailBin() {
        long above = inRange - rank(TAIL_PERCENTILE);
        long seen = 0;
        for (int bin = highestBin; bin > 0; bin--) {
            seen += counts[bin];
            if (seen > above) {
                return bin;
            }
        }
        return 0;
    }

    /** The nearest-rank position (1-based) of a percentile among the in-range idle times. */
    private long rank(double percentile) {
        return Math.max(1, (long) Math.ceil(percentile / 100 * inRange));
    }

    @Override
    public synchronized String toString() {
        return "HybridKeepAlive[fixed=" + fixedKeepAlive + ", samples=" + samples() + ", " + windows() + "]";
    }
}
