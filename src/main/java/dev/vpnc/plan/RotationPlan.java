package dev.vpnc.plan;

import java.util.List;
import java.util.Map;

/**
 * What {@code vpnc keys rotate} does, once its request is checked: the keys it rotates now, each
 * with its generation before this rotation (the number its retired file gets), the batches that
 * wait for {@code --continue}, and the lock to write. Or, when the request cannot be done for a
 * reason that is no diagnostic of the source (nothing pending, a batch already under way), the
 * sentence that says so, and nothing else.
 */
public record RotationPlan(List<Rotated> now, Map<Rotated, Integer> generations, List<List<Rotated>> later, Lock lock,
                           String refusal) {
    public RotationPlan {
        now = List.copyOf(now);
        generations = Map.copyOf(generations);
        later = later.stream().map(List::copyOf).toList();
    }

    static RotationPlan refused(String why) {
        return new RotationPlan(List.of(), Map.of(), List.of(), null, why);
    }
}
