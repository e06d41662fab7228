package dev.parley.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.parley.files.MediaType.Kind;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class MediaSnifferTest {
    @TempDir
    Path folder;

    @Test
    void imagesAreKnownByTheirMagicNumbers() throws IOException {
        var picture = TestFiles.picture(40, 30, false);
        assertThat(MediaSniffer.sniff(TestFiles.encode(picture, "png"))).isEqualTo(MediaType.PNG);
        assertThat(MediaSniffer.sniff(TestFiles.encode(picture, "jpeg"))).isEqualTo(MediaType.JPEG);
        assertThat(MediaSniffer.sniff(TestFiles.encode(picture, "gif"))).isEqualTo(MediaType.GIF);
        assertThat(MediaSniffer.sniff(TestFiles.encode(picture, "bmp"))).isEqualTo(MediaType.BMP);
        assertThat(MediaSniffer.sniff(TestFiles.encode(picture, "tiff")).mime()).isEqualTo("image/tiff");
        assertThat(MediaSniffer.sniff(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ")).mime()).isEqualTo("image/webp");
        assertThat(MediaSniffer.sniff(ascii("\u0000\u0000\u0000\u0018ftypheic\u0000\u0000\u0000\u0000")).mime())
                .isEqualTo("image/heic");
    }

    @Test
    void onlyImagesBothSidesDecodeArePreviewable() throws IOException {
        assertThat(MediaType.PNG.previewable()).isTrue();
        assertThat(MediaType.JPEG.previewable()).isTrue();
        assertThat(MediaSniffer.sniff(TestFiles.encode(TestFiles.picture(8, 8, false), "tiff")).previewable()).isFalse();
        assertThat(MediaSniffer.sniff(ascii("RIFF\u0024\u0000\u0000\u0000WEBPVP8 ")).previewable()).isFalse();
    }

    @Test
    void documentsAreTold() throws IOException {
        assertThat(MediaSniffer.sniff(ascii("%PDF-1.7\n%âãÏÓ\n")).mime()).isEqualTo("application/pdf");
        assertThat(MediaSniffer.sniff(zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")).mime())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(MediaSniffer.sniff(zip("[Content_Types].xml", "xl/workbook.xml")).mime())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(MediaSniffer.sniff(zip("[Content_Types].xml", "ppt/presentation.xml")).mime())
                .isEqualTo("application/vnd.openxmlformats-officedocument.presentationml.presentation");
        assertThat(MediaSniffer.sniff(openDocument("application/vnd.oasis.opendocument.text")))
                .isEqualTo(new MediaType("application/vnd.oasis.opendocument.text", Kind.DOCUMENT));
        assertThat(MediaSniffer.sniff(openDocument("application/epub+zip")).mime()).isEqualTo("application/epub+zip");
    }

    @Test
    void archivesAndPackagesAreTold() throws IOException {
        assertThat(MediaSniffer.sniff(zip("notes.txt", "photos/a.jpg")))
                .isEqualTo(new MediaType("application/zip", Kind.ARCHIVE));
        assertThat(MediaSniffer.sniff(zip("META-INF/MANIFEST.MF", "a/B.class")).kind()).isEqualTo(Kind.PROGRAM);
        var gzip = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gzip)) {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(MediaSniffer.sniff(gzip.toByteArray()).mime()).isEqualTo("application/gzip");
        byte[] tar = new byte[512];
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
        assertThat(MediaSniffer.sniff(tar).mime()).isEqualTo("application/x-tar");
    }

    @Test
    void programsAreToldWhateverTheyAreCalled() throws IOException {
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
        Path disguised = TestFiles.write(folder, "holiday.jpg", elf);
        assertThat(MediaSniffer.sniff(disguised).kind()).isEqualTo(Kind.PROGRAM);
        assertThat(MediaSniffer.sniff(ascii("MZ\u0090\u0000\u0003")).kind()).isEqualTo(Kind.PROGRAM);
        assertThat(MediaSniffer.sniff(ascii("#!/bin/sh\nrm -rf ~\n")).kind()).isEqualTo(Kind.PROGRAM);
    }

    @Test
    void aPictureNamedLikeTextIsStillAPicture() throws IOException {
        Path png = TestFiles.write(folder, "notes.txt", TestFiles.encode(TestFiles.picture(10, 10, false), "png"));
        assertThat(MediaSniffer.sniff(png)).isEqualTo(MediaType.PNG);
    }

    @Test
    void textIsPlainTextMarkupIncluded() {
        assertThat(MediaSniffer.sniff("Grüße, 世界!\nline two\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new MediaType("text/plain", Kind.TEXT));
        assertThat(MediaSniffer.sniff(ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>")).mime())
                .isEqualTo("text/plain");
        assertThat(MediaSniffer.sniff(ascii("<!DOCTYPE html><html><body>hi</body></html>")).mime())
                .isEqualTo("text/plain");
        assertThat(MediaSniffer.sniff(new byte[0]).mime()).isEqualTo("text/plain");
    }

    @Test
    void textCutInsideACharacterAtTheSniffedLengthIsStillText() {
        byte[] text = "€".repeat(MediaSniffer.HEAD_BYTES).getBytes(StandardCharsets.UTF_8);
        byte[] head = Arrays.copyOf(text, MediaSniffer.HEAD_BYTES);
        assertThat(MediaSniffer.HEAD_BYTES % 3).isNotZero();
        assertThat(MediaSniffer.sniff(head).kind()).isEqualTo(Kind.TEXT);
    }

    @Test
    void bytesThatAreNeitherKnownNorTextAreOctetStream() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x01;
        assertThat(MediaSniffer.sniff(noise)).isEqualTo(MediaType.UNKNOWN);
        assertThat(MediaSniffer.sniff("bad \u00FF utf-8".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(MediaType.UNKNOWN);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] zip(String... names) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(("content of " + name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** OpenDocument and EPUB: an uncompressed first entry "mimetype" holding the type. */
    private static byte[] openDocument(String mime) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var zip = new ZipOutputStream(bytes)) {
            byte[] type = mime.getBytes(StandardCharsets.US_ASCII);
            var entry = new ZipEntry("mimetype");
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(type.length);
            var crc = new CRC32();
            crc.update(type);
            entry.setCrc(crc.getValue());
            zip.putNextEntry(entry);
            zip.write(type);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("content.xml"));
            zip.write("<office:document-content/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
