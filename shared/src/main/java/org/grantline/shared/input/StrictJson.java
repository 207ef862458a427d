package org.grantline.shared.input;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * JSON taken literally or refused, before it is bound: the serde in use (micronaut-serde 2.16) coerces
 * quietly — {@code "yes"} into a {@code false} boolean, {@code 123} into the string {@code "123"},
 * {@code 12.7} into the whole number 12 — ignores content after the document and keeps the last of
 * two equal keys, and it has no switch for any of this (the coercion settings arrive only in serde
 * 3.2, for Micronaut 5). So one streaming pass of jackson-core over the body, with its strict
 * duplicate detection, walks the JSON alongside the target type's bean introspection and refuses,
 * naming the field: a value of the wrong JSON type (booleans are booleans, whole numbers whole
 * numbers, strings strings, lists lists), a NUL character, an id that is no UUID, an unknown enum
 * constant, a date that is no ISO date or lies outside {@link DateRange}, a duplicate key, anything
 * after the document, and JSON that is not well formed.
 *
 * <p>Only GrantLine's own records ({@code org.grantline.*}) are walked field by field; values whose
 * type it does not model are only checked for NUL characters. A decimal (money) may be a JSON number
 * or a string holding a plain decimal, so that clients need not put money through a binary float.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String OWN_PACKAGE = "org.grantline.";
    private static final int MAX_DEPTH = 64;
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Map<Class<?>, Optional<Map<String, Argument<?>>>> PROPERTIES = new ConcurrentHashMap<>();

    /** A body refused, with the field (a JSON path such as {@code documentIds[2]}, or {@code body}) and why. */
    public static final class Refused extends IOException {
        private final String field;
        private final String reason;

        Refused(String field, String reason) {
            super((field.isEmpty() ? "body" : field) + ": " + reason, null);
            this.field = field.isEmpty() ? "body" : field;
            this.reason = reason;
        }

        public String field() {
            return field;
        }

        public String reason() {
            return reason;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;   // a client's mistake: no stack trace to keep
        }
    }

    private final JsonParser parser;

    private StrictJson(JsonParser parser) {
        this.parser = parser;
    }

    /** Checks {@code json} against {@code type}; throws {@link Refused} for the first thing not taken literally. */
    public static void check(byte[] json, Argument<?> type) throws Refused {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                return;   // an empty body: binding it says what is missing
            }
            new StrictJson(parser).value(type, "", 0);
            JsonToken after;
            try {
                after = parser.nextToken();
            } catch (JsonParseException e) {
                after = JsonToken.NOT_AVAILABLE;
            }
            if (after != null) {
                throw new Refused("body", "there is content after the JSON document");
            }
        } catch (Refused refused) {
            throw refused;
        } catch (JsonParseException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new Refused("body", "is not valid JSON");
        }
    }

    private static Refused malformed(JsonParseException e) {
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        var duplicate = DUPLICATE.matcher(message);
        JsonStreamContext context = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
        if (duplicate.find()) {
            String parent = context == null ? "" : path(context, false);
            return new Refused(join(parent, duplicate.group(1)), "is given more than once");
        }
        String firstLine = message.lines().findFirst().orElse("").strip();
        return new Refused(context == null ? "body" : path(context, true), "is not valid JSON ("
                + (firstLine.length() > 200 ? firstLine.substring(0, 200) : firstLine) + ")");
    }

    private static String path(JsonStreamContext context, boolean withCurrent) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            boolean innermost = c == context;
            if (innermost && !withCurrent) {
                continue;
            }
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add(c.getCurrentName());
            } else if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            }
        }
        Collections.reverse(parts);
        String path = "";
        for (String part : parts) {
            path = part.startsWith("[") ? path + part : join(path, part);
        }
        return path;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void value(Argument<?> type, String path, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return;   // whether null is allowed is bean validation's to say
        }
        if (depth > MAX_DEPTH) {
            throw new Refused(path, "is nested too deeply");
        }
        Class<?> c = type.getType();
        if (c == Optional.class) {
            value(parameter(type, 0), path, depth);
        } else if (c == boolean.class || c == Boolean.class) {
            require(token.isBoolean(), path, "must be true or false");
        } else if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class || c == Byte.class) {
            require(token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT, path,
                    "must be a whole number");
            long v = parser.getLongValue();
            if ((c == short.class || c == Short.class) && (v < Short.MIN_VALUE || v > Short.MAX_VALUE)
                    || (c == byte.class || c == Byte.class) && (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE)) {
                throw new Refused(path, "is out of range");
            }
        } else if (c == long.class || c == Long.class) {
            require(token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER, path,
                    "must be a whole number");
        } else if (c == BigInteger.class) {
            require(token == JsonToken.VALUE_NUMBER_INT, path, "must be a whole number");
        } else if (c == double.class || c == Double.class || c == float.class || c == Float.class) {
            require(token.isNumeric(), path, "must be a number");
        } else if (c == BigDecimal.class) {
            require(token.isNumeric() || token == JsonToken.VALUE_STRING && DECIMAL.matcher(parser.getText()).matches(), path,
                    "must be a decimal number");
        } else if (CharSequence.class.isAssignableFrom(c) || c == char.class || c == Character.class) {
            text(path, "must be a string");
        } else if (c == UUID.class) {
            require(UUID_TEXT.matcher(text(path, "must be a UUID")).matches(), path, "must be a UUID");
        } else if (c.isEnum()) {
            String name = text(path, "must be a string");
            List<String> constants = Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
            require(constants.contains(name), path, "must be one of " + constants);
        } else if (c == LocalDate.class) {
            temporal(path, "must be a date (YYYY-MM-DD) " + DateRange.TEXT, LocalDate::parse);
        } else if (c == Instant.class) {
            temporal(path, "must be an instant such as 2017-08-18T21:00:00Z, " + DateRange.TEXT, Instant::parse);
        } else if (c == OffsetDateTime.class) {
            temporal(path, "must be a date and time with its offset, " + DateRange.TEXT, OffsetDateTime::parse);
        } else if (c == ZonedDateTime.class) {
            temporal(path, "must be a date and time with its zone, " + DateRange.TEXT, ZonedDateTime::parse);
        } else if (c == LocalDateTime.class) {
            temporal(path, "must be a date and time (YYYY-MM-DDTHH:MM) " + DateRange.TEXT, LocalDateTime::parse);
        } else if (c == LocalTime.class) {
            temporal(path, "must be a time of day (HH:MM)", LocalTime::parse);
        } else if (c == ZoneId.class) {
            temporal(path, "must be a time zone such as America/New_York", ZoneId::of);
        } else if (c.isArray() && c != byte[].class || Iterable.class.isAssignableFrom(c)) {
            require(token == JsonToken.START_ARRAY, path, "must be a list");
            Argument<?> element = c.isArray() ? Argument.of(c.getComponentType()) : parameter(type, 0);
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                value(element, path + "[" + index++ + "]", depth + 1);
            }
        } else if (Map.class.isAssignableFrom(c)) {
            require(token == JsonToken.START_OBJECT, path, "must be an object");
            Argument<?> values = parameter(type, 1);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                noNul(join(path, key), key);
                parser.nextToken();
                value(values, join(path, key), depth + 1);
            }
        } else if (c.getName().startsWith(OWN_PACKAGE) && properties(c) != null) {
            require(token == JsonToken.START_OBJECT, path, "must be an object");
            Map<String, Argument<?>> properties = properties(c);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                noNul(join(path, key), key);
                parser.nextToken();
                value(properties.getOrDefault(key, Argument.OBJECT_ARGUMENT), join(path, key), depth + 1);
            }
        } else {
            anything(path, depth);
        }
    }

    /** A value of a type not modelled here: any JSON, without NUL characters. */
    private void anything(String path, int depth) throws IOException {
        JsonToken token = parser.currentToken();
        if (depth > MAX_DEPTH) {
            throw new Refused(path, "is nested too deeply");
        }
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                noNul(join(path, key), key);
                parser.nextToken();
                anything(join(path, key), depth + 1);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                anything(path + "[" + index++ + "]", depth + 1);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            noNul(path, parser.getText());
        }
    }

    private String text(String path, String message) throws IOException {
        require(parser.currentToken() == JsonToken.VALUE_STRING, path, message);
        String text = parser.getText();
        noNul(path, text);
        return text;
    }

    private void temporal(String path, String message, Function<String, Object> parse) throws IOException {
        String text = text(path, message);
        Object value;
        try {
            value = parse.apply(text);
        } catch (DateTimeException e) {
            throw new Refused(path, message);
        }
        require(DateRange.contains(value), path, message);
    }

    private static void noNul(String path, String text) throws Refused {
        if (text.indexOf('\u0000') >= 0) {
            throw new Refused(path, "must not contain a NUL character");
        }
    }

    private static void require(boolean ok, String path, String message) throws Refused {
        if (!ok) {
            throw new Refused(path, message);
        }
    }

    private static Argument<?> parameter(Argument<?> type, int index) {
        Argument<?>[] parameters = type.getTypeParameters();
        return parameters.length > index ? parameters[index] : Argument.OBJECT_ARGUMENT;
    }

    /** JSON name → type of each property of an introspected record or bean; null when it is not introspected. */
    private static Map<String, Argument<?>> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> BeanIntrospector.SHARED.findIntrospection(t).map(introspection -> {
            Map<String, Argument<?>> byName = new HashMap<>();
            for (BeanProperty<?, ?> property : introspection.getBeanProperties()) {
                String name = property.getAnnotationMetadata().stringValue("com.fasterxml.jackson.annotation.JsonProperty")
                        .orElse(property.getName());
                byName.put(name, property.asArgument());
            }
            return Map.copyOf(byName);
        })).orElse(null);
    }
}
