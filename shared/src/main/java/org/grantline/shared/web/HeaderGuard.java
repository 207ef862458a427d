package org.grantline.shared.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import org.grantline.shared.problem.Problems;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Guards each HTTP/1.1 connection before Micronaut sees a request: the request line and headers
 * must arrive within {@code grantline.server.header-timeout} (10 s) of the connection opening or of
 * the previous answer, however slowly the client trickles them (a read-idle timeout alone restarts
 * with every byte); and headers over the limit get {@code 431} (a request line over it {@code 414})
 * as problem+json, instead of Netty's generic refusal.
 */
@Singleton
public class HeaderGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
    private static final String NAME = "grantline-header-guard";

    private final long timeoutMillis;

    public HeaderGuard(@Value("${grantline.server.header-timeout:10s}") Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        NettyServerCustomizer.Registry registry = event.getBean();
        registry.register(new Customizer(null));
        return registry;
    }

    private final class Customizer implements NettyServerCustomizer {
        private final Channel channel;

        Customizer(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            if (channel != null && channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                    && channel.pipeline().get(NAME) == null) {
                channel.pipeline().addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, NAME, new Guard(timeoutMillis));
            }
        }
    }

    private static final class Guard extends ChannelDuplexHandler {
        private final long timeoutMillis;
        private ScheduledFuture<?> deadline;

        Guard(long timeoutMillis) {
            this.timeoutMillis = timeoutMillis;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            arm(ctx);
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            disarm();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                disarm();
                Throwable cause = request.decoderResult().cause();
                if (cause instanceof TooLongHttpHeaderException) {
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
                            "The request's headers are larger than this server takes");
                    return;
                }
                if (cause instanceof TooLongHttpLineException || (cause instanceof TooLongFrameException
                        && String.valueOf(cause.getMessage()).contains("line"))) {
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri-too-long",
                            "The request line is longer than this server takes");
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof LastHttpContent) {
                // The answer is complete: the next request's headers are due within the timeout.
                promise = promise.unvoid();
                promise.addListener(f -> arm(ctx));
            }
            ctx.write(msg, promise);
        }

        private void arm(ChannelHandlerContext ctx) {
            disarm();
            deadline = ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    ctx.close();
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
        }

        private void disarm() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }

        private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String kind, String detail) {
            String body = "{\"type\":\"" + Problems.TYPE_PREFIX + kind + "\",\"title\":\"" + status.reasonPhrase()
                    + "\",\"status\":" + status.code() + ",\"detail\":\"" + detail + "\"}";
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
