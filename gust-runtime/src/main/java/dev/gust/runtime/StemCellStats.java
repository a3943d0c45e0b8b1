package dev.gust.runtime;

/**
 * A snapshot of the node's stem cells of one memory class: generic, already started sandboxed
 * workers that a cold start of any function of that memory size takes and specialises.
 *
 * @param memoryMb the memory class (a function's {@code memory})
 * @param ready stem cells started and waiting to be handed a function
 * @param starting stem cells whose JVM is still starting
 * @param target how many the node keeps now (from the recent cold-start rate, within its memory share)
 * @param launched stem cells started since the node started
 * @param handedOver stem cells that became a function's instance since the node started
 * @param lost stem cells that died or were stopped before being handed a function
 */
public record StemCellStats(int memoryMb, int ready, int starting, int target, long launched, long handedOver,
        long lost) {
}
