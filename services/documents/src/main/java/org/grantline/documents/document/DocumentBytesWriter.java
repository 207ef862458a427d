package org.grantline.documents.document;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;

import java.io.OutputStream;
import java.util.OptionalLong;

/**
 * Writes {@link DocumentBytes}: the server pulls 256 KiB chunks from the store (on the blocking
 * pool, one chunk ahead of the socket) instead of the 8 KiB pieces of an InputStream body, which
 * took several times the CPU and a thread hand-off per piece.
 */
@Singleton
public class DocumentBytesWriter implements ResponseBodyWriter<DocumentBytes> {
    private final ContentService contents;

    public DocumentBytesWriter(ContentService contents) {
        this.contents = contents;
    }

    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
                                        Argument<DocumentBytes> type, MediaType mediaType, DocumentBytes bytes) {
        return bodyFactory.adapt(contents.chunks(bytes, bodyFactory.readBufferFactory()), OptionalLong.of(bytes.length()));
    }

    @Override
    public void writeTo(Argument<DocumentBytes> type, MediaType mediaType, DocumentBytes bytes, MutableHeaders headers,
                        OutputStream out) throws CodecException {
        throw new UnsupportedOperationException("document bytes are written by the HTTP server only");
    }
}
