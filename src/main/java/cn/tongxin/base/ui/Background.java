package cn.tongxin.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs slow work (reading a 10,000-row roster, importing it, recomputing coverage) off the UI thread, as the signed-in caller,
 * and hands the result back to the screen through {@link UI#access} (server push is on), so the page
 * keeps showing its progress bar instead of freezing.
 */
@Component
public class Background {

    private final Executor executor;

    Background(@Qualifier("applicationTaskExecutor") Executor executor) {
        this.executor = executor;
    }

    public <T> void run(UI ui, Supplier<T> work, Consumer<T> done, Consumer<RuntimeException> failed) {
        Executor secured = new DelegatingSecurityContextExecutor(executor, SecurityContextHolder.getContext());
        secured.execute(() -> {
            T result = null;
            RuntimeException failure = null;
            try {
                result = work.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            T value = result;
            RuntimeException error = failure;
            try {
                ui.access(() -> {
                    if (error == null) {
                        done.accept(value);
                    } else {
                        failed.accept(error);
                    }
                });
            } catch (UIDetachedException ignored) {
                // The person left the page; nothing to show.
            }
        });
    }
}
