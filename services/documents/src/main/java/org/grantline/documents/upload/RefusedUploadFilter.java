package org.grantline.documents.upload;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.grantline.documents.DocumentsConfiguration;

/**
 * A request whose declared Content-Length is over the limit is refused with {@code 413} before its
 * body is read — and then nobody reads it: the server does not drain a body it refused at the
 * headers. A client that does not wait for {@code 100 Continue} goes on writing it, blocks on the
 * full socket buffer and never gets to read the answer. So that answer carries
 * {@code Connection: close}: the server closes the connection once it is written, the client's write
 * fails and it reads the {@code 413} that came first.
 *
 * <p>Other refusals keep their connection: a body refused part-way, or before it was read, is
 * drained by the upload (up to the limit), and a chunked body that runs past the limit is discarded
 * by the server itself; closing those would risk a reset that swallows the answer.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RefusedUploadFilter {
    private final DocumentsConfiguration config;

    public RefusedUploadFilter(DocumentsConfiguration config) {
        this.config = config;
    }

    @ResponseFilter
    public void closeAfterRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()
                && request.getContentLength() > config.maxRequestSize()) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }
}
