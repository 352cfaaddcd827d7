package cn.tongxin.attendance.ui;

import cn.tongxin.attendance.OccasionRef;
import cn.tongxin.attendance.SignedIn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells the open live boards of an occasion that its records changed, after the change commits.
 * (In-process: with several instances each board also refreshes on its own every few seconds.)
 * <p>
 * A plain listener that defers itself to the commit, not a {@code @TransactionalEventListener}: Spring Modulith
 * keeps a durable publication row for every transactional listener and updates it in a new transaction while
 * the sign-in's own connection is still held, so each sign-in needed two pool connections at once and a class
 * signing in together starved the pool (bench/signin). A nudge to open screens needs no publication log.
 */
@Component
class BoardBroadcaster {

    private final Map<OccasionRef, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    Runnable register(OccasionRef ref, Runnable onChange) {
        listeners.computeIfAbsent(ref, k -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> listeners.getOrDefault(ref, Set.of()).remove(onChange);
    }

    @EventListener
    void on(SignedIn event) {
        Set<Runnable> boards = listeners.get(event.occasion());
        if (boards == null || boards.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    boards.forEach(Runnable::run);
                }
            });
        } else {
            boards.forEach(Runnable::run);
        }
    }
}
