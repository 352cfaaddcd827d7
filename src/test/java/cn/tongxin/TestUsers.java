package cn.tongxin;

import cn.tongxin.security.PortalUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/** Switches the signed-in demo user inside one test (for steps by several people, e.g. ask leave, then approve it). */
@Component
public class TestUsers {

    private final UserDetailsService users;
    private final JdbcClient jdbc;

    TestUsers(UserDetailsService users, JdbcClient jdbc) {
        this.users = users;
        this.jdbc = jdbc;
    }

    /**
     * A new trainee of the province with an account named {@code username} (which cannot log in with a password:
     * sign in with {@link #signIn}), for tests that need people of their own; returns the person's id.
     */
    public long newTrainee(String username) {
        long person = jdbc.sql("""
                        insert into person (name, gender, unit_id) values (:name, 'F', (select id from unit where parent_id is null))
                        returning id""")
                .param("name", "学员" + username).query(Long.class).single();
        long account = jdbc.sql("""
                        insert into account (username, password_hash, display_name, person_id, unit_id)
                        select :username, '!', p.name, p.id, p.unit_id from person p where p.id = :person returning id""")
                .param("username", username).param("person", person).query(Long.class).single();
        jdbc.sql("insert into account_role (account_id, role) values (:account, 'TRAINEE')").param("account", account).update();
        return person;
    }

    /** Signs in as the demo account; returns its person's id, or -1 for an account without a person. */
    public long signIn(String username) {
        var user = (PortalUser) users.loadUserByUsername(username);
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        return user.caller().personId() == null ? -1 : user.caller().personId();
    }
}
