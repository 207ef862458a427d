package org.grantline.gateway.routing;

import io.micronaut.core.convert.ConversionService;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.MutableHttpRequestWrapper;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.netty.NettyHttpRequestBuilder;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The outgoing request of one forwarding attempt, carrying its own copy of a buffered body: the
 * proxy client takes (and consumes) the body of what it sends, so a second attempt on another
 * instance needs a copy of its own. Micronaut's proxy client reads the body through
 * {@link NettyHttpRequestBuilder#byteBodyDirect()}, as its own raw-request wrapper does.
 */
final class ReplayableRequest<B> extends MutableHttpRequestWrapper<B> implements NettyHttpRequestBuilder {
    private final ByteBody body;

    ReplayableRequest(MutableHttpRequest<B> delegate, ByteBody body) {
        super(ConversionService.SHARED, delegate);
        this.body = body;
    }

    @Override
    public ByteBody byteBodyDirect() {
        return body;
    }

    @Override
    public HttpRequest toHttpRequestWithoutBody() {
        return NettyHttpRequestBuilder.asBuilder(getDelegate()).toHttpRequestWithoutBody();
    }
}
