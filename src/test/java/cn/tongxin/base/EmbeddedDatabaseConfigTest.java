package cn.tongxin.base;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedDatabaseConfigTest {

    @Test
    void a_postmaster_pid_left_by_a_killed_run_is_removed_when_its_process_is_gone(@TempDir Path data) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data + "\n");
        EmbeddedDatabaseConfig.stopStaleServer(data);
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void a_server_still_running_from_a_killed_run_is_stopped_before_its_pid_file_is_removed(@TempDir Path data) throws Exception {
        Process orphan = new ProcessBuilder("sleep", "60").start();
        Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n");
        EmbeddedDatabaseConfig.stopStaleServer(data);
        assertThat(orphan.isAlive()).isFalse();
        assertThat(data.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void nothing_happens_without_a_pid_file(@TempDir Path data) throws Exception {
        EmbeddedDatabaseConfig.stopStaleServer(data);
        assertThat(Files.list(data)).isEmpty();
    }
}
