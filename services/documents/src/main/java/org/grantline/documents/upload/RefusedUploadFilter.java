package org.grantline.documents.upload;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Locale;

/**
 * A refused upload ends its connection. A client that does not wait for {@code 100 Continue} keeps
 * sending the body it was refused; the server does not read it, so without this the client's writes
 * would block on a full socket buffer and it would never get to read the answer. With
 * {@code Connection: close} the server closes the connection once the answer is written: the client's
 * write fails, it reads the {@code 413} (or other problem) that came first, and nothing more is read.
 * Applies to every {@code 413} and to every failed multipart POST (whose body may be partly unread).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class RefusedUploadFilter {

    @ResponseFilter
    public void closeAfterRefusal(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE.getCode()
                || (status >= 400 && request.getMethod() == HttpMethod.POST && isMultipart(request))) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }

    private static boolean isMultipart(HttpRequest<?> request) {
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }
}
