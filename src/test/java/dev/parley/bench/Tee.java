package dev.parley.bench;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Prints to the console and to a file, so a run's log is kept with its results. */
final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    private Tee(OutputStream a, OutputStream b) {
        this.a = a;
        this.b = b;
    }

    static PrintStream of(PrintStream console, Path file) throws IOException {
        return new PrintStream(new Tee(console, new FileOutputStream(file.toFile(), true)), true,
                StandardCharsets.UTF_8);
    }

    @Override
    public void write(int c) throws IOException {
        a.write(c);
        b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        a.write(buf, off, len);
        b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
        a.flush();
        b.flush();
    }
}
