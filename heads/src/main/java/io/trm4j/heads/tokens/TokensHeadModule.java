package io.trm4j.heads.tokens;

import com.google.inject.AbstractModule;
import io.trm4j.core.head.HeadModule;

/** Registers the {@code tokens} head. */
public final class TokensHeadModule extends AbstractModule implements HeadModule {
    @Override
    protected void configure() {
        HeadModule.headBinder(binder()).addBinding(TokensHead.NAME).to(TokensHead.class);
    }
}
