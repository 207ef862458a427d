package org.grantline.shared.input;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.body.NettyJsonHandler;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

/**
 * Every JSON body this app reads — requests to its server, answers to its HTTP clients — goes through
 * {@link StrictJson} first: the JSON body handler is rebuilt on the strict mapper as it is created.
 */
@Singleton
public class StrictJsonBodies implements BeanCreatedEventListener<NettyJsonHandler<?>> {
    private final BeanProvider<JsonMapper> mapper;

    public StrictJsonBodies(BeanProvider<JsonMapper> mapper) {
        this.mapper = mapper;
    }

    @Override
    public NettyJsonHandler<?> onCreated(BeanCreatedEvent<NettyJsonHandler<?>> event) {
        return new NettyJsonHandler<>(new StrictJsonMapper(mapper.get()));
    }
}
