package dev.parley.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(10)
class FileSizesTest {
    @Test
    void sizesReadLikeAFileManagerShowsThem() {
        assertThat(FileSizes.format(1)).isEqualTo("1 byte");
        assertThat(FileSizes.format(999)).isEqualTo("999 bytes");
        assertThat(FileSizes.format(12_345)).isEqualTo("12 KB");
        assertThat(FileSizes.format(2_143_007)).isEqualTo("2.1 MB");
        assertThat(FileSizes.format(104_857_600)).isEqualTo("105 MB");
        assertThat(FileSizes.format(999_999)).isEqualTo("1.0 MB");
        assertThat(FileSizes.format(3_500_000_000L)).isEqualTo("3.5 GB");
    }

    @Test
    void aClientWithoutFilesReadsWhatWasSentAndWhere() {
        var file = new Frame.FileEvent(57, "f1", "alice", Role.GUEST, "holiday.jpg", 2_143_007, "image/jpeg",
                "ab".repeat(32), null, null, null, null, "2026-12-06T10:12:03.512Z");

        Frame.Msg fallback = file.fallback();
        assertThat(fallback.text()).isEqualTo("📎 holiday.jpg (2.1 MB): open Parley to download");
        assertThat(fallback.id()).isEqualTo("x-f1");
        assertThat(fallback.seq()).isEqualTo(57);
        assertThat(fallback.from()).isEqualTo("alice");
        assertThat(fallback.ts()).isEqualTo(file.ts());
    }
}
