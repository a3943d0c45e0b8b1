package dev.gust.runtime;

import java.util.ArrayList;
import java.util.List;

/** A real JVM that holds on to {@code args[0]} MB, touching every page, then says "held" and exits. */
public final class MemoryHog {
    private MemoryHog() {
    }

    public static void main(String[] args) {
        int mb = Integer.parseInt(args[0]);
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < mb; i++) {
            byte[] chunk = new byte[1024 * 1024];
            for (int j = 0; j < chunk.length; j += 4096) {
                chunk[j] = 1;
            }
            held.add(chunk);
        }
        System.out.println("held " + held.size() + " MB");
    }
}
