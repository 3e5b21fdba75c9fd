package io.trm4j.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.trm4j.core.loop.HaltingPolicy;

/** The manifest's {@code halting} block: the model's default halting policy. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HaltingDefaults(
        @JsonProperty("policy") String policy,
        @JsonProperty("converge_patience") int convergePatience) {

    public static final HaltingDefaults FIXED = new HaltingDefaults("fixed", 2);

    public HaltingDefaults {
        if (policy == null) {
            policy = "fixed";
        }
        if (convergePatience == 0) {
            convergePatience = 2;
        }
        try {
            HaltingPolicy.Kind.parse(policy);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("halting.policy: " + e.getMessage());
        }
        if (convergePatience < 1) {
            throw new IllegalArgumentException("halting.converge_patience must be >= 1, got " + convergePatience);
        }
    }

    public HaltingPolicy toPolicy() {
        return new HaltingPolicy(HaltingPolicy.Kind.parse(policy), convergePatience);
    }
}
