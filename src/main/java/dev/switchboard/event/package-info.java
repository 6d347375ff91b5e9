/**
 * What happened, told to whoever cares, inside the transaction that made it happen.
 * <p>
 * Services fire these with {@code jakarta.enterprise.event.Event#fire} (synchronous) from within their
 * {@code @Transactional} method. Observers ({@code @Observes}, the default {@code TransactionPhase.IN_PROGRESS}) run
 * on the same thread and in the same transaction: the webhook outbox writes its rows there, so a rollback of the change
 * sends nothing and a commit always sends. Observers must not call out over the network.
 */
package dev.switchboard.event;
