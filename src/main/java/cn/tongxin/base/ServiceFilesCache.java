package cn.tongxin.base;

import org.apache.catalina.loader.WebappLoader;
import org.springframework.boot.tomcat.TomcatEmbeddedWebappClassLoader;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vaadin asks {@link java.util.ServiceLoader} for services on every page and every navigation (the push connection
 * factory of each new UI, the dev-mode handler, which production does not have, Spring Security's role prefix), and
 * each time the web application's class loader reads META-INF/services in every jar on the class path. Measured by
 * bench/signin: about a tenth of the work of opening the scan page. What is installed does not change while the
 * application runs, so the web application's class loader reads each list of service files once.
 */
@Configuration
class ServiceFilesCache {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> serviceFilesCachingClassLoader() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getLoader() instanceof WebappLoader loader) {
                loader.setLoaderInstance(new CachingClassLoader(context.getParentClassLoader()));
            }
        });
    }

    /** Spring Boot's embedded web application class loader, with each META-INF/services list read once. */
    static final class CachingClassLoader extends TomcatEmbeddedWebappClassLoader {

        static {
            ClassLoader.registerAsParallelCapable();
        }

        private static final String SERVICES = "META-INF/services/";
        private final Map<String, List<URL>> serviceFiles = new ConcurrentHashMap<>();

        CachingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith(SERVICES)) {
                return super.getResources(name);
            }
            List<URL> urls = serviceFiles.get(name);
            if (urls == null) {
                urls = List.copyOf(Collections.list(super.getResources(name)));
                serviceFiles.put(name, urls);
            }
            return Collections.enumeration(urls);
        }
    }
}
