package io.trm4j.core.head;

/** How a head renders an answer. */
public enum RenderStyle {
    /** Human-readable, no escape codes. */
    PLAIN,
    /** Human-readable with ANSI colors (terminals). */
    ANSI,
    /** One line, for scripts and JSON. */
    COMPACT
}
