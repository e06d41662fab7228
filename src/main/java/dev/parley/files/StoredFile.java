package dev.parley.files;

import dev.parley.protocol.Frame;

import java.util.Base64;

/**
 * A verified, stored file as the room announces it: everything its sequenced {@code file} event
 * carries except {@code seq}, {@code role} and {@code ts}, which the room adds.
 *
 * @param id      the sender's offer id
 * @param person  who sent it, as the server named them to {@link FileHost#offer}
 * @param name    the sanitised name ({@link SafeNames})
 * @param size    bytes
 * @param media   sniffed from the content ({@code media} on the wire)
 * @param sha256  the content's hash: what a download asks for
 * @param preview for previewable images, the dimensions and preview (or why there is none); else {@code null}
 */
public record StoredFile(String id, String person, String name, long size, MediaType media, String sha256,
                         ImagePreview preview) {
    /** The text of the {@code msg} a connection without the {@code files} extension gets at the same {@code seq}. */
    public String fallbackText() {
        return Frame.FileEvent.fallbackText(name, size);
    }

    /** The fallback {@code msg}'s id: {@code x-} and the event's id. */
    public String fallbackId() {
        return "x-" + id;
    }

    /** The preview as base64 for the event's {@code thumb}, or {@code null}. */
    public String thumbnailBase64() {
        return preview instanceof ImagePreview.Made made ? Base64.getEncoder().encodeToString(made.bytes()) : null;
    }
}
