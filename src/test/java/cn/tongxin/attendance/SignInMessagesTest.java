package cn.tongxin.attendance;

import cn.tongxin.base.Translations;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** What a person stopped by the door-code limit reads, and which address counts for the limit. */
class SignInMessagesTest {

    private static String chinese(SignInResult r) {
        return Translations.get(Translations.CHINESE, r.messageKey(), r.messageArgs());
    }

    private static String english(SignInResult r) {
        return Translations.get(Translations.ENGLISH, r.messageKey(), r.messageArgs());
    }

    @Test
    void the_wait_is_told_in_whole_minutes_rounded_up() {
        SignInResult r = SignInResult.tooManyTries(Duration.ofMinutes(9).plusSeconds(1));
        assertThat(chinese(r)).isEqualTo("尝试次数过多，请 10 分钟后再试，或请工作人员协助签到。");
        assertThat(english(r)).isEqualTo("Too many tries. Try again in 10 minutes, or ask the staff at the door to sign you in.");
        assertThat(english(SignInResult.tooManyTries(Duration.ofSeconds(20)))).contains("Try again in 1 minute,");
    }

    @Test
    void a_wait_of_the_day_limit_is_told_in_hours() {
        SignInResult r = SignInResult.tooManyTries(Duration.ofHours(22).plusMinutes(30));
        assertThat(chinese(r)).isEqualTo("尝试次数过多，请 23 小时后再试，或请工作人员协助签到。");
        assertThat(english(r)).contains("Try again in 23 hours");
    }

    @Test
    void other_refusals_keep_their_own_message() {
        assertThat(chinese(SignInResult.refused(SignInOutcome.WRONG_CODE, null))).startsWith("签到码不正确");
    }

    @Test
    void an_ipv4_address_counts_whole_and_an_ipv6_address_by_its_network() {
        assertThat(new ClientInfo(null, "203.0.113.7", null).network()).isEqualTo("203.0.113.7");
        // Any address of a home's /64 is the same home: rotating addresses does not escape the address limit.
        String one = new ClientInfo(null, "2001:db8:1:2:aaaa:bbbb:cccc:1", null).network();
        assertThat(one).isEqualTo("2001:db8:1:2:0:0:0:0/64")
                .isEqualTo(new ClientInfo(null, "2001:db8:1:2::99", null).network());
        assertThat(new ClientInfo(null, "2001:db8:1:3::99", null).network()).isNotEqualTo(one);
        assertThat(new ClientInfo(null, null, null).network()).isNull();
        assertThat(new ClientInfo(null, "not-an-address", null).network()).isEqualTo("not-an-address");
    }
}
