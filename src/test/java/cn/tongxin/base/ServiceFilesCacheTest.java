package cn.tongxin.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceFilesCacheTest {

    @TempDir
    Path jar;

    /** A service provider as a jar would declare it. */
    public static final class Provided implements Runnable {
        public Provided() {
        }

        @Override
        public void run() {
        }
    }

    @Test
    void service_files_are_read_from_the_class_path_once_and_their_classes_still_load_from_the_application() throws Exception {
        String services = "META-INF/services/" + Runnable.class.getName();
        Files.createDirectories(jar.resolve(services).getParent());
        Files.writeString(jar.resolve(services), Provided.class.getName());
        Files.writeString(jar.resolve("plain.txt"), "not a service file");
        AtomicInteger serviceReads = new AtomicInteger();
        AtomicInteger plainReads = new AtomicInteger();
        ClassLoader application = new URLClassLoader(new URL[]{jar.toUri().toURL()}, getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                (name.equals(services) ? serviceReads : plainReads).incrementAndGet();
                return super.getResources(name);
            }
        };
        var cache = new ServiceFilesCache.CachingClassLoader(application);
        cache.setDelegate(true);

        List<Class<?>> found = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServiceLoader.load(Runnable.class, cache).stream().map(ServiceLoader.Provider::type).forEach(found::add);
            assertThat(Collections.list(cache.getResources("plain.txt"))).hasSize(1);
        }

        assertThat(found).containsExactly(Provided.class, Provided.class, Provided.class);
        assertThat(serviceReads).hasValue(1);
        assertThat(plainReads).as("other resources are not cached").hasValue(3);
    }
}
