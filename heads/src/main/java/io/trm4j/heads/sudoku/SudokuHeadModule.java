package io.trm4j.heads.sudoku;

import com.google.inject.AbstractModule;
import io.trm4j.core.head.HeadModule;

/** Registers the {@code sudoku} head; found by ServiceLoader. */
public final class SudokuHeadModule extends AbstractModule implements HeadModule {
    @Override
    protected void configure() {
        HeadModule.headBinder(binder()).addBinding(SudokuHead.NAME).to(SudokuHead.class);
    }
}
