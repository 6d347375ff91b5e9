package dev.switchboard.sync;

import java.nio.charset.StandardCharsets;

import com.github.kagkarlsson.scheduler.serializer.Serializer;

/**
 * Task data is a short string (the run kind): stored as UTF-8 rather than with Java serialization, so the rows are
 * readable in SQL and the native image needs no serialization configuration.
 */
final class TaskDataSerializer implements Serializer {

    static final TaskDataSerializer INSTANCE = new TaskDataSerializer();

    @Override
    public byte[] serialize(Object data) {
        return data == null ? null : data.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (type != String.class && type != Object.class) {
            throw new IllegalArgumentException("Sync tasks carry strings, not " + type.getName());
        }
        return type.cast(new String(bytes, StandardCharsets.UTF_8));
    }
}
