package dev.switchboard.http;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import dev.switchboard.common.InputLimits;
import dev.switchboard.common.StorableText;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * JSON as the contract means it: types are strict (no "5" for 5, no 5 for "5", no 1.5 for an integer), unknown
 * fields are refused (application.properties), and timestamps are ISO 8601 UTC with whole seconds
 * ({@code 2025-09-17T15:01:41Z}).
 * <p>
 * Every body is bounded before it becomes objects: at most {@value InputLimits#MAX_TOKENS} JSON tokens,
 * {@value InputLimits#MAX_DEPTH}
 * levels of nesting, strings of {@value InputLimits#MAX_STRING_LENGTH} characters and names of
 * {@value InputLimits#MAX_NAME_LENGTH}. A
 * 1 MiB body of tiny list entries would otherwise become hundreds of thousands of objects (and as many error
 * messages) per request. Fields have their own, smaller limits (OpenAPI {@code maxLength}/{@code maxItems}). Every
 * string and field name must be text PostgreSQL can store ({@link StorableText}).
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxTokenCount(InputLimits.MAX_TOKENS)
                .maxNestingDepth(InputLimits.MAX_DEPTH)
                .maxStringLength(InputLimits.MAX_STRING_LENGTH)
                .maxNameLength(InputLimits.MAX_NAME_LENGTH)
                .maxNumberLength(100)
                .build());
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        for (LogicalType type : new LogicalType[]{ LogicalType.Textual, LogicalType.Integer, LogicalType.Float,
                LogicalType.Boolean, LogicalType.Enum, LogicalType.DateTime }) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer || type == LogicalType.Float
                            ? CoercionAction.TryConvert
                            : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float,
                            type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean,
                            type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.registerModule(
                new SimpleModule("switchboard-instants").addSerializer(Instant.class, new WholeSecondInstants()));
        mapper.registerModule(new SimpleModule("switchboard-storable-text")
                .addDeserializer(String.class, new StorableStrings())
                .addKeyDeserializer(String.class, new StorableKeys()));
    }

    /** Applied last, so this module's Instant serializer is registered after (and wins over) the JavaTime module's. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    static final class WholeSecondInstants extends StdSerializer<Instant> {

        WholeSecondInstants() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    /**
     * Strings, list entries and free-form values ({@code Map<String, Object>} uses this too) that PostgreSQL can store;
     * otherwise an {@code InvalidFormatException} at the field, which {@code ErrorMappers} answers with
     * {@link StorableText#MESSAGE}.
     */
    static final class StorableStrings extends StdScalarDeserializer<String> {

        StorableStrings() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (!StorableText.isStorable(value)) {
                throw ctxt.weirdStringException(value, String.class, StorableText.MESSAGE);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    static final class StorableKeys extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            if (!StorableText.isStorable(key)) {
                throw ctxt.weirdKeyException(String.class, key, StorableText.MESSAGE);
            }
            return key;
        }
    }
}
