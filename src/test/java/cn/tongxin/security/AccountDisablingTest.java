package cn.tongxin.security;

import cn.tongxin.IntegrationTest;
import cn.tongxin.base.DomainException;
import cn.tongxin.people.AccountService;
import cn.tongxin.people.UnitService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.test.context.support.WithUserDetails;

import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Disabling an account locks its owner out at once: open sessions end, remembered logins go, sign-in fails. */
@IntegrationTest
@WithUserDetails("admin")
class AccountDisablingTest {

    @Autowired
    AccountService accounts;
    @Autowired
    UnitService units;
    @Autowired
    AccountDirectory directory;
    @Autowired
    UserDetailsService userDetails;
    @Autowired
    SessionRegistry sessions;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    LoginLimits limits;

    @Test
    void disabling_an_account_ends_its_sessions_and_it_can_no_longer_sign_in() {
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Geheim-2026-x";
        accounts.create(username, "停用测试", units.visibleUnits().getFirst().id(), null, Set.of(Roles.ORGANIZER), password);
        long accountId = directory.findCredentials(username).orElseThrow().caller().accountId();
        PortalAuthenticationProvider signIn = new PortalAuthenticationProvider(directory, encoder, limits);
        assertThat(signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)).isAuthenticated())
                .as("signs in while enabled").isTrue();
        // Two browsers signed in.
        var principal = userDetails.loadUserByUsername(username);
        String phone = "s-" + UUID.randomUUID();
        String desktop = "s-" + UUID.randomUUID();
        sessions.registerNewSession(phone, principal);
        sessions.registerNewSession(desktop, principal);

        accounts.setEnabled(accountId, false);

        assertThat(sessions.getSessionInformation(phone).isExpired()).isTrue();
        assertThat(sessions.getSessionInformation(desktop).isExpired()).isTrue();
        assertThat(directory.findCredentials(username).orElseThrow().enabled()).isFalse();
        assertThat(userDetails.loadUserByUsername(username).isEnabled()).as("remember-me refuses it too").isFalse();
        assertThatThrownBy(() -> signIn.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password)))
                .isInstanceOf(DisabledException.class);
    }

    @Test
    void an_administrator_cannot_disable_their_own_account() {
        long self = directory.findCredentials("admin").orElseThrow().caller().accountId();

        assertThatThrownBy(() -> accounts.setEnabled(self, false)).isInstanceOf(DomainException.class)
                .hasMessage("account.error.disable-self");
        assertThat(directory.findCredentials("admin").orElseThrow().enabled()).isTrue();
    }

    @Test
    @WithUserDetails("organizer")
    void an_organizer_cannot_disable_accounts() {
        long trainee = directory.findCredentials("trainee").orElseThrow().caller().accountId();

        assertThatThrownBy(() -> accounts.setEnabled(trainee, false))
                .isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
        assertThat(directory.findCredentials("trainee").orElseThrow().enabled()).isTrue();
    }
}
