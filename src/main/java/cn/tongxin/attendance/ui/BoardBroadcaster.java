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
 * Tells the open live boards of an occasion that its records changed, after the change commits: the boards open
 * on this instance directly, those on other instances through {@link BoardRelay}.
 * <p>
 * A plain listener that defers itself to the commit, not a {@code @TransactionalEventListener}: Spring Modulith
 * keeps a durable publication row for every transactional listener and updates it in a new transaction while
 * the sign-in's own connection is still held, so each sign-in needed two pool connections at once and a class
 * signing in together starved the pool (bench/signin). A nudge to open screens needs no publication log.
 */
@Component
class BoardBroadcaster {

    private final Map<OccasionRef, Set<Runnable>> listeners = new ConcurrentHashMap<>();
    private final BoardRelay relay;

    BoardBroadcaster(BoardRelay relay) {
        this.relay = relay;
        relay.onRemoteChange(this::nudgeLocal);
    }

    Runnable register(OccasionRef ref, Runnable onChange) {
        listeners.computeIfAbsent(ref, k -> new CopyOnWriteArraySet<>()).add(onChange);
        return () -> listeners.getOrDefault(ref, Set.of()).remove(onChange);
    }

    @EventListener
    void on(SignedIn event) {
        OccasionRef ref = event.occasion();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    changed(ref);
                }
            });
        } else {
            changed(ref);
        }
    }

    private void changed(OccasionRef ref) {
        nudgeLocal(ref);
        relay.announce(ref);
    }

    private void nudgeLocal(OccasionRef ref) {
        Set<Runnable> boards = listeners.get(ref);
        if (boards != null) {
            boards.forEach(Runnable::run);
        }
    }
}
