package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignedIn;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells the open live boards of an occasion that its records changed, after the change commits.
 * (In-process: with several instances each board also refreshes on its own every few seconds.)
 */
@Component
class BoardBroadcaster {

    private final Map<OccasionRef, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    Runnable register(OccasionRef ref, Runnable onChange) {
        listeners.computeIfAbsent(ref, k -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> listeners.getOrDefault(ref, Set.of()).remove(onChange);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(SignedIn event) {
        listeners.getOrDefault(event.occasion(), Set.of()).forEach(Runnable::run);
    }
}
