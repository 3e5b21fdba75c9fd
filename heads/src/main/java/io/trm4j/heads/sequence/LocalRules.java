package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a person tries when no rule fits every given term: continue the end of the sequence (the
 * last term, the last difference, the last few terms or differences repeated). Each is read off
 * the last terms alone, so it can hold where the start of the sequence does not; which of them to
 * trust is told by the leave-one-out check ({@link LeaveOneOut}): the one that reproduces the most
 * held-out terms, the simplest on a tie (the list's order, the last difference first).
 */
final class LocalRules {
    /** One way to continue a sequence from its last terms: the next term, or empty when it cannot say. */
    record LocalRule(String name, Function<List<Long>, OptionalLong> next) {
    }

    /** The chosen rule, its held-out record on the terms it was chosen on, and the next terms it gives. */
    record Choice(LocalRule rule, Verdict.Support support, List<Long> next) {
    }

    private static final int MAX_PERIOD = 6;

    static final List<LocalRule> ALL = rules();

    private LocalRules() {
    }

    private static List<LocalRule> rules() {
        List<LocalRule> rules = new ArrayList<>();
        rules.add(new LocalRule("the last difference repeated", a -> OptionalLong.of(2 * last(a, 1) - last(a, 2))));
        rules.add(new LocalRule("the last term repeated", a -> OptionalLong.of(last(a, 1))));
        rules.add(new LocalRule("the last second difference repeated", a -> a.size() < 3 ? OptionalLong.empty()
                : OptionalLong.of(3 * last(a, 1) - 3 * last(a, 2) + last(a, 3))));
        rules.add(new LocalRule("the last ratio repeated", LocalRules::ratio));
        for (int p = 2; p <= MAX_PERIOD; p++) {
            int period = p;
            rules.add(new LocalRule("the last " + p + " terms repeated", a -> a.size() < period ? OptionalLong.empty()
                    : OptionalLong.of(last(a, period))));
        }
        for (int p = 2; p <= MAX_PERIOD; p++) {
            int period = p;
            rules.add(new LocalRule("the last " + p + " differences repeated", a -> a.size() <= period
                    ? OptionalLong.empty() : OptionalLong.of(last(a, 1) + last(a, period) - last(a, period + 1))));
        }
        return List.copyOf(rules);
    }

    /**
     * The rule with the best held-out record on {@code given} (the simplest on a tie), continued
     * for {@code k} terms; a rule that cannot continue (no integer ratio) is passed over.
     */
    static Choice choose(List<Long> given, int k) {
        Choice best = null;
        for (LocalRule rule : ALL) {
            List<Long> next = continued(rule, given, k);
            if (next == null) {
                continue;
            }
            Verdict.Support s = LeaveOneOut.support(given, rule.name(), rule.next());
            if (best == null || s.compareTo(best.support()) > 0) {
                best = new Choice(rule, s, next);
            }
        }
        return best; // the last difference always continues
    }

    private static List<Long> continued(LocalRule rule, List<Long> given, int k) {
        List<Long> all = new ArrayList<>(given);
        for (int i = 0; i < k; i++) {
            OptionalLong v = rule.next().apply(all);
            if (v.isEmpty()) {
                return null;
            }
            all.add(v.getAsLong());
        }
        return all.subList(given.size(), all.size());
    }

    private static long last(List<Long> a, int back) {
        return a.get(a.size() - back);
    }

    /** a(n-1)^2 / a(n-2) when it is an integer. */
    private static OptionalLong ratio(List<Long> a) {
        long x = last(a, 1);
        long y = last(a, 2);
        if (y == 0 || Math.abs(x) > 3_000_000_000L || (x * x) % y != 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(x * x / y);
    }
}
