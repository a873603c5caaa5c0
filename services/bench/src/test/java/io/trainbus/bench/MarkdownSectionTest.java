package io.trainbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownSectionTest {

    @Test
    void replacesBetweenMarkers() {
        String text = "# Title\nbefore\n<b>\nold\n<e>\nafter\n";

        assertThat(MarkdownSection.replaceIn(text, "<b>", "<e>", "new\n"))
                .isEqualTo("# Title\nbefore\n<b>\nnew\n<e>\nafter\n");
    }

    @Test
    void appendsWhenMarkersAreMissing() {
        assertThat(MarkdownSection.replaceIn("# Title", "<b>", "<e>", "new"))
                .isEqualTo("# Title\n<b>\nnew\n<e>\n");
    }
}
