package dev.switchboard.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.switchboard.event.ConnectionEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Every ConnectionEvent fired during the suite, and whether it came inside a transaction, as observers rely on. */
@ApplicationScoped
public class RecordedConnectionEvents {

    public record Recorded(ConnectionEvent event, boolean inTransaction) {
    }

    private final List<Recorded> events = new CopyOnWriteArrayList<>();

    void on(@Observes ConnectionEvent event) {
        events.add(new Recorded(event, QuarkusTransaction.isActive()));
    }

    public List<Recorded> of(String connectionId) {
        return events.stream().filter(r -> r.event().connectionId().equals(connectionId)).toList();
    }
}
