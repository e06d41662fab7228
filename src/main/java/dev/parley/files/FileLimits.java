package dev.parley.files;

import java.time.Duration;

/**
 * The host's limits for files, each a named number checked before work is done.
 *
 * @param maxFileBytes     largest file a person may offer
 * @param storeCapBytes    the room's store: once stored files and accepted uploads would pass it,
 *                         the oldest stored files are evicted
 * @param uploadBytesPerSecond sustained upload rate per person (a token bucket of bytes, spent when
 *                         an offer is accepted); 0 turns the limit off
 * @param uploadBurstBytes bytes a person may offer at once before the rate applies; at least
 *                         {@code maxFileBytes}, so every allowed file can pass
 * @param maxTransfersPerPerson accepted uploads not yet stored plus running downloads, per person
 * @param maxPixels        images with more pixels get no preview (a decompression bomb stops here)
 * @param thumbnailEdge    longest edge of a preview, in pixels
 * @param thumbnailBytes   largest encoded preview (it travels base64 inside a chat frame)
 * @param idleTimeout      a transfer connection over which nothing moved this long is closed
 * @param uploadTtl        an accepted upload with no bytes moving this long is dropped with its
 *                         partial file and its reservation
 */
public record FileLimits(long maxFileBytes, long storeCapBytes, long uploadBytesPerSecond, long uploadBurstBytes,
                         int maxTransfersPerPerson, long maxPixels, int thumbnailEdge, int thumbnailBytes,
                         Duration idleTimeout, Duration uploadTtl) {
    public static final long MIB = 1024L * 1024;

    public FileLimits {
        if (maxFileBytes <= 0 || storeCapBytes <= 0 || uploadBytesPerSecond < 0 || maxTransfersPerPerson <= 0
                || maxPixels <= 0 || thumbnailEdge < 16 || thumbnailBytes < 1024) {
            throw new IllegalArgumentException("file limits must be positive: " + maxFileBytes + ", " + storeCapBytes
                    + ", " + uploadBytesPerSecond + ", " + maxTransfersPerPerson + ", " + maxPixels + ", "
                    + thumbnailEdge + ", " + thumbnailBytes);
        }
        uploadBurstBytes = Math.max(uploadBurstBytes, maxFileBytes);
        if (idleTimeout.isNegative() || idleTimeout.isZero() || uploadTtl.isNegative() || uploadTtl.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /**
     * 100 MiB a file, a 2 GiB store, 200 MiB at once then 1 MiB/s a person, 4 transfers a person,
     * 50 megapixels, 320 px and 16 KiB previews, 30 s of silence, 1 h for an unfinished upload.
     */
    public static FileLimits defaults() {
        return new FileLimits(100 * MIB, 2048 * MIB, MIB, 200 * MIB, 4, 50_000_000L, 320, 16 * 1024,
                Duration.ofSeconds(30), Duration.ofHours(1));
    }

    public FileLimits withMaxFileBytes(long bytes) {
        return new FileLimits(bytes, storeCapBytes, uploadBytesPerSecond, uploadBurstBytes, maxTransfersPerPerson,
                maxPixels, thumbnailEdge, thumbnailBytes, idleTimeout, uploadTtl);
    }

    public FileLimits withStoreCapBytes(long bytes) {
        return new FileLimits(maxFileBytes, bytes, uploadBytesPerSecond, uploadBurstBytes, maxTransfersPerPerson,
                maxPixels, thumbnailEdge, thumbnailBytes, idleTimeout, uploadTtl);
    }

    public FileLimits withUploadRate(long bytesPerSecond, long burstBytes) {
        return new FileLimits(maxFileBytes, storeCapBytes, bytesPerSecond, burstBytes, maxTransfersPerPerson,
                maxPixels, thumbnailEdge, thumbnailBytes, idleTimeout, uploadTtl);
    }

    public FileLimits withMaxTransfersPerPerson(int transfers) {
        return new FileLimits(maxFileBytes, storeCapBytes, uploadBytesPerSecond, uploadBurstBytes, transfers,
                maxPixels, thumbnailEdge, thumbnailBytes, idleTimeout, uploadTtl);
    }

    public FileLimits withTimeouts(Duration idle, Duration ttl) {
        return new FileLimits(maxFileBytes, storeCapBytes, uploadBytesPerSecond, uploadBurstBytes,
                maxTransfersPerPerson, maxPixels, thumbnailEdge, thumbnailBytes, idle, ttl);
    }
}
