package dev.parley.app.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class LinksTest {

    private static Links.Part link(String text, String url) {
        return new Links.Part(text, url);
    }

    private static Links.Part plain(String text) {
        return new Links.Part(text, null);
    }

    @Test
    void aWikipediaLinkKeepsItsClosingParenthesis() {
        String url = "https://en.wikipedia.org/wiki/Java_(programming_language)";
        assertEquals(List.of(plain("read "), link(url, url), plain(" now")), Links.split("read " + url + " now"));
    }

    @Test
    void trailingPunctuationIsNotPartOfTheLink() {
        assertEquals(List.of(plain("see "), link("https://openjfx.io", "https://openjfx.io"), plain(".")),
                Links.split("see https://openjfx.io."));
        assertEquals(List.of(plain("is it "), link("http://x.org/a", "http://x.org/a"), plain("?!")),
                Links.split("is it http://x.org/a?!"));
    }

    @Test
    void aLinkInParenthesesLeavesTheClosingParenthesisOut() {
        assertEquals(List.of(plain("(see "), link("https://x.org/a", "https://x.org/a"), plain(")")),
                Links.split("(see https://x.org/a)"));
    }

    @Test
    void wwwWithoutASchemeOpensOverHttps() {
        assertEquals(List.of(link("www.example.com/path", "https://www.example.com/path")),
                Links.split("www.example.com/path"));
    }

    @Test
    void anEmailAddressOpensANewMail() {
        assertEquals(List.of(plain("mail "), link("bob@example.org", "mailto:bob@example.org")),
                Links.split("mail bob@example.org"));
    }

    @Test
    void otherSchemesStayPlainText() {
        for (String text : List.of("javascript:alert(1)", "file:///etc/passwd", "ftp://files.example.org/x")) {
            assertEquals(List.of(plain(text)), Links.split(text), text);
        }
    }

    @Test
    void textWithoutLinksIsOnePlainPart() {
        assertEquals(List.of(plain("just words")), Links.split("just words"));
        assertEquals(List.of(plain("")), Links.split(""));
    }
}
