package org.grantline.shared.web;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * Puts one request's id into the logging context ({@code MDC} key {@code requestId}) on whatever
 * thread works on the request, and takes it out again afterwards. Micronaut's
 * {@code MdcPropagationContext} does the same by copying the whole MDC map twice on every
 * thread switch, which the reactive filter chain makes several times per request (about 4-7 % of
 * the gateway's CPU in the JFR profile); this sets and restores the single key. Other MDC keys a
 * thread holds are left as they are.
 *
 * @param requestId the request's id
 */
record RequestIdLogContext(String requestId) implements ThreadPropagatedContextElement<String> {

    /** Sets the id; returns the thread's previous one (usually null), for {@link #restoreThreadContext}. */
    @Override
    public String updateThreadContext() {
        String previous = MDC.get(RequestIds.MDC_KEY);
        if (!requestId.equals(previous)) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else if (!previous.equals(requestId)) {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }
}
