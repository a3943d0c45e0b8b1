package dev.gust.runtime;

import java.util.Optional;

/**
 * @param kind {@code bwrap} or {@code process}
 * @param cgroups {@code v2}, {@code v1} or {@code none}
 * @param fallbackReason why a weaker sandbox than asked for is in use, when one is
 */
public record SandboxInfo(String kind, String cgroups, Optional<String> fallbackReason) {
}
