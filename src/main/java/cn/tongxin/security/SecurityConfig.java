package cn.tongxin.security;

import cn.tongxin.security.ui.LoginView;
import com.vaadin.flow.spring.security.RequestUtil;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.RememberMeServices;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.session.HttpSessionEventPublisher;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /** A training day and the evening before it: a trainee's phone stays signed in that long. */
    static final Duration REMEMBER_ME_FOR = Duration.ofHours(36);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            SessionRegistry sessions, RememberMeServices rememberMe,
                                            RequestUtil vaadinRequests,
                                            @Value("${tongxin.security.remember-me-key}") String rememberMeKey) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/webjars/**", "/images/**", "/styles.css", "/public/**").permitAll()
                // Calendar feeds: calendar programs poll them without a login; the secret token is the permission.
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/calendar/*.ics").permitAll());
        http.authenticationManager(authenticationManager);
        // Vaadin would exempt POST /login from CSRF (login CSRF: a hostile page could sign a phone into the
        // attacker's account). The login form sends the token from the page's _csrf meta tags, so require it;
        // Vaadin's own requests keep their own protection (the UIDL security key) and stay exempt.
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login?logout")
                .enableCsrfConfiguration(false));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(vaadinRequests::isFrameworkInternalRequest)
                .withObjectPostProcessor(new ObjectPostProcessor<CsrfFilter>() {
                    @Override
                    public <O extends CsrfFilter> O postProcess(O filter) {
                        filter.setAccessDeniedHandler(staleLoginPage());
                        return filter;
                    }
                }));
        http.formLogin(form -> form.failureHandler(failureHandler()));
        http.rememberMe(remember -> remember.key(rememberMeKey).rememberMeServices(rememberMe));
        http.sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login"));
        return http.build();
    }

    /**
     * A signed cookie rather than rotating database tokens: a phone opening the portal fires several requests at
     * once, and rotating tokens would see that as cookie theft and drop the login. The account's token version in
     * the signature lets logout, a password change and disabling end it everywhere.
     */
    @Bean
    RememberMeServices rememberMeServices(UserDetailsService userDetails, AccountDirectory accounts, Clock clock,
                                          @Value("${tongxin.security.remember-me-key}") String rememberMeKey,
                                          @Value("${tongxin.security.secure-cookies:false}") boolean alwaysSecure) {
        var services = new PortalRememberMeServices(rememberMeKey, userDetails, accounts, clock);
        services.setAlwaysRemember(true);
        services.setTokenValiditySeconds((int) REMEMBER_ME_FOR.toSeconds());
        if (alwaysSecure) {
            services.setUseSecureCookie(true); // otherwise Secure whenever the request came over HTTPS
        }
        services.setCookieCustomizer(cookie -> cookie.setAttribute("SameSite", "Lax"));
        return services;
    }

    /**
     * Every refused sign-in gets the same answer, whether the name exists, the password was wrong or there were too
     * many tries: telling them apart would tell an attacker which accounts exist. Only a right password on a
     * disabled account is told so.
     */
    private static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String error = exception instanceof DisabledException ? "disabled" : "bad";
            response.sendRedirect(request.getContextPath() + "/login?error=" + error);
        };
    }

    /**
     * A login form without a valid CSRF token: most likely a page left open until its session ended, so ask
     * the person to try again rather than show an error page. Any other refused token gets 403.
     */
    private static AccessDeniedHandler staleLoginPage() {
        AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();
        return (request, response, exception) -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if ("/login".equals(path) && "POST".equals(request.getMethod())) {
                response.sendRedirect(request.getContextPath() + "/login?error=expired");
            } else {
                forbidden.handle(request, response, exception);
            }
        };
    }

    /** The only way to check a password: throttled, counted, and the same for every login path. */
    @Bean
    AuthenticationManager authenticationManager(AccountDirectory accounts, PasswordEncoder encoder, LoginLimits limits,
                                                AuthenticationEventPublisher events,
                                                @Value("${tongxin.security.remember-me-key}") String rememberMeKey) {
        ProviderManager manager = new ProviderManager(new PortalAuthenticationProvider(accounts, encoder, limits),
                new RememberMeAuthenticationProvider(rememberMeKey));
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        var events = new DefaultAuthenticationEventPublisher(publisher);
        // Tries refused unchecked are counted in the audit log too (LoginAuditor tells them by the exception).
        events.setAdditionalExceptionMappings(Map.of(LoginRefusedException.class, AuthenticationFailureBadCredentialsEvent.class));
        return events;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Accounts as Spring sees them (tests sign in with it); nothing locks an account but disabling it. */
    @Bean
    UserDetailsService userDetailsService(AccountDirectory accounts) {
        return username -> accounts.findCredentials(username)
                .map(c -> new PortalUser(c.caller(), c.passwordHash(), c.enabled(), false))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistryImpl();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }
}
