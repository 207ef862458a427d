package org.grantline.documents;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

/**
 * One knob for the upload limit: the server's own request-size limit (which answers 413 from the
 * Content-Length, before reading the body) follows {@code grantline.documents.max-file-size}.
 */
@Singleton
public class ServerLimits implements BeanCreatedEventListener<HttpServerConfiguration> {
    private final DocumentsConfiguration documents;

    public ServerLimits(DocumentsConfiguration documents) {
        this.documents = documents;
    }

    @Override
    public HttpServerConfiguration onCreated(BeanCreatedEvent<HttpServerConfiguration> event) {
        HttpServerConfiguration server = event.getBean();
        server.setMaxRequestSize(documents.maxRequestSize());
        server.getMultipart().setMaxFileSize(documents.getMaxFileSize());
        return server;
    }
}
