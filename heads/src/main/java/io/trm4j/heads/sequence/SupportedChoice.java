package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The combined head's answer: the model's and the baseline's candidates, each with its
 * leave-one-out support ({@link LeaveOneOut}), and the better supported one answers (more held-out
 * terms reproduced; on a tie the baseline, whose rule can be named; both, when they give the same
 * terms). When the better one is not supported (it reproduces fewer than half of the held-out
 * terms), the head abstains: a number nothing backs is worse than no number, unless the two
 * sources agree and the baseline's rule fits every given term with one to spare: two independent
 * sources giving the same term from a rule that fits is support of its own, where the prefixes are
 * too short to pin a rule down (5-6-term cubics, sequences whose differences are arithmetic).
 * With too few terms to hold one out (3 or 4 given) nothing is checked: a baseline rule that fits
 * every given term answers, else the model ({@link #unchecked}); so does, unless the model is
 * better supported, a baseline rule that needs every given term to be fixed and checked.
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
        SequenceBaseline.Analysis analysis = baseline.analyze(input.terms(), input.k());
        SequenceBaseline.Prediction rule = analysis.prediction();
        Verdict.Support ruleSupport = analysis.support();
        boolean modelValid = modelTerms.stream().allMatch(PredictedTerm::valid);
        boolean agree = modelValid && values(modelTerms).equals(rule.terms());
        // More held-out terms reproduced; a tie goes to the baseline, whose rule can be named (the
        // model holds out fewer terms, a row each: its fewer misses are no better record).
        boolean modelBetter = modelValid && modelSupport.reproduced() > ruleSupport.reproduced();
        Verdict.Support best;
        SequencePrediction.Backing backing;
        List<PredictedTerm> terms;
        if (agree) {
            // the same terms, checked by both: the record with more reproduced (then more checks made)
            Verdict.Support s = modelSupport.reproduced() > ruleSupport.reproduced()
                    || modelSupport.reproduced() == ruleSupport.reproduced() && modelSupport.held() > ruleSupport.held()
                    ? modelSupport : ruleSupport;
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
            terms = baselineTerms(rule);
        }
        if (LeaveOneOut.supports(best) || best.agreement()) {
            return new SequencePrediction(input, terms, confidence, steps, backing);
        }
        if (rule.ruleFits() && !analysis.checkable() && !modelBetter) {
            // A rule that needs every given term to be fixed and checked (a quartic on 6 terms)
            // could not be held out at all: unchecked, as with 3 or 4 given terms ({@link #unchecked}).
            return new SequencePrediction(input, baselineTerms(rule), confidence, steps,
                    new SequencePrediction.Backing("baseline", rule.rule(), new Verdict.Support(0, 0, "baseline"), false));
        }
        List<PredictedTerm> none = new ArrayList<>();
        for (int i = 0; i < input.k(); i++) {
            none.add(PredictedTerm.invalid("", NO_RULE));
        }
        return new SequencePrediction(input, none, confidence, steps,
                new SequencePrediction.Backing(best.by(), backing.rule(), best, true));
    }

    /**
     * Nothing can be held out (3 or 4 given terms): the baseline's rule when one fits every given
     * term with one to spare (on generated sequences of 4 terms such a rule was right wherever the
     * model was, and where the model was not), else the model's answer; unchecked either way.
     */
    SequencePrediction unchecked(SequenceInput input, List<PredictedTerm> modelTerms, float confidence, int steps) {
        SequenceBaseline.Prediction rule = baseline.predict(input.terms(), input.k());
        Verdict.Support none = new Verdict.Support(0, 0, "model");
        if (!rule.ruleFits()) {
            return new SequencePrediction(input, modelTerms, confidence, steps,
                    new SequencePrediction.Backing("model", null, none, false));
        }
        boolean agree = modelTerms.stream().allMatch(PredictedTerm::valid) && values(modelTerms).equals(rule.terms());
        String source = agree ? BOTH : "baseline";
        return new SequencePrediction(input, agree ? modelTerms : baselineTerms(rule), confidence, steps,
                new SequencePrediction.Backing(source, rule.rule(), new Verdict.Support(0, 0, source), false));
    }

    private static List<PredictedTerm> baselineTerms(SequenceBaseline.Prediction rule) {
        return rule.terms().stream().map(v -> PredictedTerm.number(v, SequenceTokens.residueText(v))).toList();
    }

    private static List<Long> values(List<PredictedTerm> terms) {
        return terms.stream().map(PredictedTerm::value).toList();
    }
}
