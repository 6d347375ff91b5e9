package dev.switchboard.magiclink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.switchboard.event.MagicLinkEvent;

/** Test observer: every MagicLinkEvent fired, and whether a transaction was active when it was. */
@ApplicationScoped
public class RecordedEvents {

    public record Recorded(MagicLinkEvent event, boolean inTransaction) {
    }

    private final List<Recorded> recorded = new CopyOnWriteArrayList<>();

    @Inject
    TransactionSynchronizationRegistry transactions;

    void on(@Observes MagicLinkEvent event) {
        recorded.add(new Recorded(event, transactions.getTransactionStatus() == Status.STATUS_ACTIVE));
    }

    public List<Recorded> of(String magicLinkId) {
        return recorded.stream().filter(r -> r.event().magicLinkId().equals(magicLinkId)).toList();
    }

    public List<String> typesOf(String magicLinkId) {
        return of(magicLinkId).stream().map(r -> r.event().eventType()).toList();
    }
}
