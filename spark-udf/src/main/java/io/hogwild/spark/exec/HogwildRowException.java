package io.hogwild.spark.exec;

/** A row could not be solved and the call asked for {@code fail_on_error => true}: the task (and query) fails. */
public final class HogwildRowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HogwildRowException(String message) {
        super(message);
    }
}
