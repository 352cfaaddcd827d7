package cn.tongxin.attendance;

import com.vaadin.flow.server.StaticFileHandlerFactory;
import com.vaadin.flow.server.StaticFileServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A scan link is a view, never a file. Vaadin looks every request up as a static file first, and a miss searches
 * every jar on the class path: about 7 % of the work of a sign-in (bench/signin), for 2,000 phones at a door.
 */
@Configuration
class ScanLinkFiles {

    @Bean
    StaticFileHandlerFactory staticFileHandlerFactory() {
        return service -> {
            StaticFileServer files = new StaticFileServer(service);
            return (request, response) -> !ScanTicketFilter.isScanLink(request) && files.serveStaticResource(request, response);
        };
    }
}
