package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The combined head's answer: the model's and the baseline's candidates, each with its
 * leave-one-out support ({@link LeaveOneOut}), and the better supported one answers (both, when
 * they give the same terms). When neither reproduces the last given term from the ones before, the
 * head abstains: a number nothing backs is worse than no number, unless the two sources agree and
 * the baseline's rule fits every given term with one to spare: two independent sources giving the
 * same term from a rule that fits is support of its own, where the prefixes are too short to pin a
 * rule down (5-6-term cubics, sequences whose differences are arithmetic). (With too few terms to
 * hold one out, 3 given, the head does not come here: the model answers unchecked.)
 */
final class SupportedChoice {
    static final String NO_RULE = "no rule found that reproduces the given terms";
    static final String BOTH = "model+baseline";
    private final SequenceBaseline baseline;

    SupportedChoice(SequenceBaseline baseline) {
        this.baseline = requireNonNull(baseline, "baseline is null");
    }

    /**
     * Chooses between the model's {@code modelTerms} (support {@code modelSupport}, from the rows that
     * predicted the held-out terms) and the baseline's answer for {@code input}.
     */
    SequencePrediction choose(SequenceInput input, List<PredictedTerm> modelTerms, Verdict.Support modelSupport,
                              float confidence, int steps) {
        SequenceBaseline.Prediction rule = baseline.predict(input.terms(), input.k());
        Verdict.Support ruleSupport = LeaveOneOut.support(input.terms(), "baseline",
                prefix -> OptionalLong.of(baseline.predict(prefix, 1).terms().get(0)));
        boolean modelValid = modelTerms.stream().allMatch(PredictedTerm::valid);
        List<PredictedTerm> ruleTerms = rule.terms().stream().map(v -> PredictedTerm.number(v, SequenceTokens.residueText(v)))
                .toList();
        boolean agree = modelValid && values(modelTerms).equals(rule.terms());
        boolean modelBetter = modelValid && (modelSupport.compareTo(ruleSupport) > 0
                || modelSupport.compareTo(ruleSupport) == 0 && !rule.ruleFits());
        Verdict.Support best;
        SequencePrediction.Backing backing;
        List<PredictedTerm> terms;
        if (agree) {
            Verdict.Support s = modelSupport.compareTo(ruleSupport) >= 0 ? modelSupport : ruleSupport;
            best = rule.ruleFits() ? s.withAgreement(BOTH) : new Verdict.Support(s.reproduced(), s.held(), BOTH);
            backing = new SequencePrediction.Backing(best.by(), rule.rule(), best, false);
            terms = modelTerms;
        } else if (modelBetter) {
            best = modelSupport;
            backing = new SequencePrediction.Backing("model", null, best, false);
            terms = modelTerms;
        } else {
            best = ruleSupport;
            backing = new SequencePrediction.Backing("baseline", rule.rule(), best, false);
            terms = ruleTerms;
        }
        if (LeaveOneOut.supports(best) || best.agreement()) {
            return new SequencePrediction(input, terms, confidence, steps, backing);
        }
        List<PredictedTerm> none = new ArrayList<>();
        for (int i = 0; i < input.k(); i++) {
            none.add(PredictedTerm.invalid("", NO_RULE));
        }
        return new SequencePrediction(input, none, confidence, steps,
                new SequencePrediction.Backing(best.by(), backing.rule(), best, true));
    }

    private static List<Long> values(List<PredictedTerm> terms) {
        return terms.stream().map(PredictedTerm::value).toList();
    }
}
