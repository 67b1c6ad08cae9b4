package dev.tessera.admin;

import dev.tessera.http.InvalidParameter;
import dev.tessera.http.ProblemException;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** PATCH semantics for labels: given keys are set, a key set to null is removed, {@code "labels": null} clears all. */
final class LabelPatch {
    private LabelPatch() {
    }

    static Map<String, String> apply(Map<String, String> current, boolean clearAll,
                                     Optional<Map<String, Fields.Nullable<String>>> updates) {
        Map<String, String> labels = new TreeMap<>(clearAll ? Map.of() : current);
        updates.ifPresent(u -> u.forEach((k, v) -> {
            if (v.value() == null) {
                labels.remove(k);
            } else {
                labels.put(k, v.value());
            }
        }));
        if (labels.size() > Fields.MAX_LABELS) {
            throw ProblemException.invalid(InvalidParameter.max("body", "labels", "max_items", Fields.MAX_LABELS,
                    "must not have more than " + Fields.MAX_LABELS + " labels"));
        }
        return labels;
    }
}
