package dev.parley.app.files;

/**
 * What a file bubble's buttons do; each runs on the FX thread. The chat view puts one in its message
 * list's properties under this class, where the cells find it.
 */
public interface FileActions {
    /** "Save…": asks where, then downloads. */
    void save(FileEntry entry);

    /** "Open folder": shows the folder the file was saved in (never the file itself). */
    void openFolder(FileEntry entry);

    /** A click on a picture: shows it full size. */
    void view(FileEntry entry);

    /** "Retry": resumes a failed upload or save. */
    void retry(FileEntry entry);

    /** "Cancel": stops the running transfer, keeping what arrived. */
    void cancel(FileEntry entry);
}
