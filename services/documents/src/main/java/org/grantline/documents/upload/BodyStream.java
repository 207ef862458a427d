package org.grantline.documents.upload;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A request body as a blocking {@link InputStream} that keeps up to {@value #AHEAD} network chunks
 * in flight ahead of the reader, so that the event loop reads the socket while the reader hashes and
 * writes. (Micronaut's own {@code @Body InputStream} asks for one chunk at a time and waits for it:
 * a thread hand-off per chunk, with the socket idle meanwhile.) Closing it cancels the rest.
 */
public final class BodyStream extends InputStream {
    private static final int AHEAD = 16;

    private final ServerHttpRequest<?> request;
    private Stream<byte[]> chunks;
    private Iterator<byte[]> iterator;
    private byte[] current;
    private int pos;
    private boolean closed;

    private BodyStream(ServerHttpRequest<?> request) {
        this.request = request;
    }

    /** The body of a request being served (only a server request has one to stream). */
    public static InputStream of(HttpRequest<?> request) {
        if (!(request instanceof ServerHttpRequest<?> server)) {
            throw new IllegalArgumentException("not a server request: " + request.getClass().getName());
        }
        return new BodyStream(server);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the request body is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (current == null || pos == current.length) {
            if (!hasNext()) {
                return -1;
            }
            current = iterator.next();
            pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean hasNext() throws IOException {
        if (iterator == null) {
            // The body is asked for on the first read only: a request refused before (by its
            // declared length, or its caller) never has its body read (nor 100 Continue sent).
            chunks = Flux.from(request.byteBody().toByteArrayPublisher()).toStream(AHEAD);
            iterator = chunks.iterator();
        }
        try {
            return iterator.hasNext();
        } catch (RuntimeException e) {
            Throwable cause = Exceptions.unwrap(e);
            if (cause instanceof ContentLengthExceededException) {
                throw new TooLarge(cause);
            }
            throw cause instanceof IOException io ? io : new IOException("the request body could not be read", cause);
        }
    }

    /** The body went past the server's request size limit (a chunked body has no length to refuse it by beforehand). */
    public static final class TooLarge extends IOException {
        TooLarge(Throwable cause) {
            super("the request body is larger than the server accepts", cause);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            current = null;
            if (chunks != null) {
                chunks.close();
            } else {
                // Never read: claim the body only to give it up, so the server discards it (and
                // does not wait for a body it would have to ask for with 100 Continue).
                try {
                    request.byteBody().toInputStream().close();
                } catch (IOException | RuntimeException e) {
                    // already claimed or gone: nothing to give up
                }
            }
        }
    }
}
