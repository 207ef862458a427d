package org.grantline.shared.input;

import io.micronaut.core.annotation.NonNull;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.JsonStreamConfig;
import io.micronaut.json.tree.JsonNode;
import org.reactivestreams.Processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link JsonMapper} that reads a document only after {@link StrictJson} took it literally; writing is unchanged. */
final class StrictJsonMapper implements JsonMapper {
    private final JsonMapper delegate;

    StrictJsonMapper(JsonMapper delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T readValue(@NonNull byte[] bytes, @NonNull Argument<T> type) throws IOException {
        StrictJson.check(bytes, type);
        return delegate.readValue(bytes, type);
    }

    @Override
    public <T> T readValue(@NonNull InputStream in, @NonNull Argument<T> type) throws IOException {
        return readValue(in.readAllBytes(), type);
    }

    @Override
    public <T> T readValue(@NonNull ByteBuffer<?> buffer, @NonNull Argument<T> type) throws IOException {
        return readValue(buffer.toByteArray(), type);
    }

    @Override
    public <T> T readValue(@NonNull String string, @NonNull Argument<T> type) throws IOException {
        return readValue(string.getBytes(StandardCharsets.UTF_8), type);
    }

    @Override
    public JsonMapper createSpecific(@NonNull Argument<?> type) {
        return new StrictJsonMapper(delegate.createSpecific(type));
    }

    @Override
    public JsonMapper cloneWithFeatures(@NonNull JsonFeatures features) {
        return new StrictJsonMapper(delegate.cloneWithFeatures(features));
    }

    @Override
    public JsonMapper cloneWithViewClass(@NonNull Class<?> viewClass) {
        return new StrictJsonMapper(delegate.cloneWithViewClass(viewClass));
    }

    @Override
    public Optional<JsonFeatures> detectFeatures(@NonNull io.micronaut.core.annotation.AnnotationMetadata annotations) {
        return delegate.detectFeatures(annotations);
    }

    @Override
    public <T> T readValueFromTree(@NonNull JsonNode tree, @NonNull Argument<T> type) throws IOException {
        return delegate.readValueFromTree(tree, type);
    }

    @Override
    public void updateValueFromTree(Object value, @NonNull JsonNode tree) throws IOException {
        delegate.updateValueFromTree(value, tree);
    }

    @Override
    public @NonNull Processor<byte[], JsonNode> createReactiveParser(@NonNull Consumer<Processor<byte[], JsonNode>> onSubscribe,
                                                                   boolean streamArray) {
        return delegate.createReactiveParser(onSubscribe, streamArray);
    }

    @Override
    public @NonNull JsonNode writeValueToTree(Object value) throws IOException {
        return delegate.writeValueToTree(value);
    }

    @Override
    public <T> @NonNull JsonNode writeValueToTree(@NonNull Argument<T> type, T value) throws IOException {
        return delegate.writeValueToTree(type, value);
    }

    @Override
    public void writeValue(@NonNull OutputStream out, Object value) throws IOException {
        delegate.writeValue(out, value);
    }

    @Override
    public <T> void writeValue(@NonNull OutputStream out, @NonNull Argument<T> type, T value) throws IOException {
        delegate.writeValue(out, type, value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
    }

    @Override
    public <T> byte[] writeValueAsBytes(@NonNull Argument<T> type, T value) throws IOException {
        return delegate.writeValueAsBytes(type, value);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
    }

    @Override
    public <T> String writeValueAsString(@NonNull Argument<T> type, T value) throws IOException {
        return delegate.writeValueAsString(type, value);
    }

    @Override
    public @NonNull JsonStreamConfig getStreamConfig() {
        return delegate.getStreamConfig();
    }
}
