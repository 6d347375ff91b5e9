package dev.switchboard.sandbox.wms;

/**
 * One simulation event on a sandbox connection ({@code sandbox_event}): an order fulfilled (wholly or partly) or a
 * return received at {@code at} (epoch seconds) in the simulated system.
 */
public record SimEvent(Kind kind, String recordId, long at, long seq) {

    public enum Kind {

        ORDER_FULFILL("order_fulfill"),
        ORDER_PARTIAL_FULFILL("order_partial_fulfill"),
        RETURN_RECEIVE(
                "return_receive");

        final String value;

        Kind(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static Kind of(String value) {
            for (Kind kind : values()) {
                if (kind.value.equals(value)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown sandbox event kind " + value);
        }
    }
}
