package io.trm4j.cli;

/** The first sentence of a model card's first paragraph (after the title), for {@code trm models}. */
final class CardSummary {
    private CardSummary() {
    }

    static String of(String markdown) {
        StringBuilder para = new StringBuilder();
        for (String line : markdown.split("\r?\n")) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && para.length() == 0)) {
                continue;
            }
            if (t.isEmpty()) {
                break;
            }
            para.append(para.length() == 0 ? "" : " ").append(t);
        }
        String s = para.toString();
        int end = s.indexOf(". ");
        return end < 0 ? s : s.substring(0, end + 1);
    }
}
