package io.trm4j.heads.arc;

import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which augmented rows a task runs as: one row per puzzle the model learned for the task, i.e. every
 * manifest {@code puzzle_ids} name equal to the task id or starting with {@code <task>|||} (the
 * official identifiers), each with the augmentation its name carries and its puzzle id, in puzzle-id
 * order. A task the model does not know fails, unless the task asks for the fallback: the 8
 * dihedral transforms (colors kept) with the id of {@code <mean>} when the manifest has it, else
 * {@code <blank>}, else 0 (the official blank id).
 */
final class ArcPuzzles {
    static final String MEAN = "<mean>";
    static final String BLANK = "<blank>";

    /** One augmented row: the augmentation, its puzzle name (null for the fallback) and puzzle id. */
    record Row(Augmentation augmentation, String name, long puzzleId) {
    }

    /** The rows of a task, and a warning when they are the fallback ("" otherwise). */
    record Plan(List<Row> rows, String warning) {
    }

    private static volatile Index last;

    private ArcPuzzles() {
    }

    static Plan plan(ArcTask task, ModelInfo model) {
        List<Row> rows = task.id() == null ? List.of() : index(model).byTask.getOrDefault(task.id(), List.of());
        if (!rows.isEmpty()) {
            return new Plan(rows, "");
        }
        String why = task.id() == null
                ? "the task has no id (give the file's name, e.g. 007bbfb7, or the one-task form {\"007bbfb7\": {...}})"
                : "model '" + model.name() + "' was not trained on ARC task '" + task.id() + "'";
        if (task.unknownTask() != ArcTask.UnknownTask.FALLBACK) {
            Index idx = index(model);
            throw new InvalidInputException(why + " (it knows " + idx.byTask.size() + " tasks"
                    + (idx.byTask.isEmpty() ? "" : ", e.g. " + idx.example) + "); TRM learns one embedding per task "
                    + "and augmentation, so it cannot solve a new task. To run it anyway with the fallback "
                    + "embedding, use the unknown-task fallback (--unknown-task fallback; accuracy is expected to be near zero)");
        }
        long id = model.puzzleIds().containsKey(MEAN) ? model.puzzleIds().get(MEAN)
                : model.puzzleIds().getOrDefault(BLANK, 0L);
        List<Row> fallback = new ArrayList<>(Dihedral.COUNT);
        for (int t = 0; t < Dihedral.COUNT; t++) {
            fallback.add(new Row(Augmentation.of(t, Augmentation.IDENTITY.colors()), null, id));
        }
        String embedding = model.puzzleIds().containsKey(MEAN) ? MEAN : BLANK;
        return new Plan(fallback, why + ": using the fallback embedding " + embedding + " (puzzle id " + id
                + ") under the 8 dihedral transforms; accuracy is expected to be near zero");
    }

    /** The model's puzzle names grouped by task; built once per model (the last one is kept). */
    private static Index index(ModelInfo model) {
        Index idx = last;
        if (idx == null || idx.model != model) {
            idx = new Index(model);
            last = idx;
        }
        return idx;
    }

    private static final class Index {
        final ModelInfo model;
        final Map<String, List<Row>> byTask = new HashMap<>();
        final String example;

        Index(ModelInfo model) {
            this.model = model;
            String first = null;
            for (Map.Entry<String, Long> e : model.puzzleIds().entrySet()) {
                String name = e.getKey();
                if (name.equals(MEAN) || name.equals(BLANK)) {
                    continue;
                }
                Augmentation aug;
                try {
                    aug = Augmentation.fromPuzzleName(name);
                } catch (IllegalArgumentException ex) {
                    continue; // not an ARC puzzle name: not ours to run
                }
                String task = Augmentation.taskOf(name);
                byTask.computeIfAbsent(task, k -> new ArrayList<>()).add(new Row(aug, name, e.getValue()));
                first = first == null || task.compareTo(first) < 0 ? task : first;
            }
            byTask.values().forEach(l -> l.sort(Comparator.comparingLong(Row::puzzleId)));
            example = first;
        }
    }
}
