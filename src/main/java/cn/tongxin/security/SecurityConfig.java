package cn.tongxin.security;

import cn.tongxin.security.ui.LoginView;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.session.HttpSessionEventPublisher;

import java.time.Clock;
import java.time.Duration;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfig {

    /** A training day and the evening before it: a trainee's phone stays signed in that long. */
    static final Duration REMEMBER_ME_FOR = Duration.ofHours(36);

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AuthenticationManager authenticationManager,
                                            UserDetailsService userDetails, SessionRegistry sessions,
                                            @Value("${tongxin.security.remember-me-key}") String rememberMeKey) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/webjars/**", "/images/**", "/styles.css", "/public/**").permitAll());
        http.authenticationManager(authenticationManager);
        http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class, "/login?logout"));
        http.formLogin(form -> form.failureHandler(failureHandler()));
        // A signed cookie rather than rotating database tokens: a phone opening the portal fires several
        // requests at once, and rotating tokens would see that as cookie theft and drop the login.
        // The signature covers the password hash, so a password reset ends it; a disabled account is refused.
        http.rememberMe(remember -> remember
                .key(rememberMeKey)
                .userDetailsService(userDetails)
                .alwaysRemember(true)
                .tokenValiditySeconds((int) REMEMBER_ME_FOR.toSeconds()));
        http.sessionManagement(session -> session.maximumSessions(-1).sessionRegistry(sessions).expiredUrl("/login"));
        return http.build();
    }

    /** Sends the login page the reason, so it can say "wait 8 seconds" or "locked for 15 minutes". */
    private static AuthenticationFailureHandler failureHandler() {
        return (request, response, exception) -> {
            String query = switch (exception) {
                case LoginRefusedException refused -> (refused.locked() ? "error=locked" : "error=wait")
                        + "&seconds=" + Math.max(1, refused.waitFor().toSeconds());
                case DisabledException ignored -> "error=disabled";
                default -> "error=bad";
            };
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.sendRedirect(request.getContextPath() + "/login?" + query);
        };
    }

    /** The only way to check a password: throttled, counted, and the same for every login path. */
    @Bean
    AuthenticationManager authenticationManager(AccountDirectory accounts, PasswordEncoder encoder, Clock clock,
                                                AuthenticationEventPublisher events,
                                                @Value("${tongxin.security.remember-me-key}") String rememberMeKey) {
        ProviderManager manager = new ProviderManager(new PortalAuthenticationProvider(accounts, encoder, clock),
                new RememberMeAuthenticationProvider(rememberMeKey));
        manager.setAuthenticationEventPublisher(events);
        return manager;
    }

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        return new DefaultAuthenticationEventPublisher(publisher);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** Used by remember-me: it re-reads the account, so a disabled one is not let back in. */
    @Bean
    UserDetailsService userDetailsService(AccountDirectory accounts, Clock clock) {
        return username -> accounts.findCredentials(username)
                .map(c -> new PortalUser(c.caller(), c.passwordHash(), c.enabled(),
                        c.lockedUntil() != null && c.lockedUntil().isAfter(clock.instant())))
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
