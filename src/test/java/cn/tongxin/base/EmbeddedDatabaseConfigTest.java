package cn.tongxin.base;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseConfigTest {

    @Test
    void the_server_keeping_data_is_durable_listens_on_localhost_and_asks_every_connection_for_its_password(@TempDir Path data)
            throws Exception {
        Path pg = data.resolve("pg");
        String password = DataFolderSecrets.loadOrCreate(pg).getProperty(DataFolderSecrets.DATABASE_PASSWORD);
        try (EmbeddedPostgres server = EmbeddedDatabaseConfig.startKeepingData(pg, password);
             Connection c = connect(server, password)) {
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(c, "listen_addresses")).isEqualTo("localhost");
            assertThat(setting(c, "password_encryption")).isEqualTo("scram-sha-256");
            assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThatThrownBy(() -> connect(server, "wrong")).isInstanceOf(SQLException.class).hasMessageContaining("password");
            assertThat(EmbeddedDatabaseConfig.trustsSomeone(Files.readAllLines(pg.resolve("pg_hba.conf")))).isFalse();
        }
    }

    @Test
    void a_data_folder_of_an_earlier_version_that_trusted_local_users_gets_the_password_and_keeps_its_data(@TempDir Path data)
            throws Exception {
        Path pg = data.resolve("pg");
        // As earlier versions ran it: zonky's defaults, trust for everyone.
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pg).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start();
             Connection c = old.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('签到')");
        }
        assertThat(EmbeddedDatabaseConfig.trustsSomeone(Files.readAllLines(pg.resolve("pg_hba.conf")))).isTrue();
        String password = DataFolderSecrets.loadOrCreate(pg).getProperty(DataFolderSecrets.DATABASE_PASSWORD);
        for (int start = 1; start <= 2; start++) { // the upgrade, then an ordinary start
            try (EmbeddedPostgres server = EmbeddedDatabaseConfig.startKeepingData(pg, password);
                 Connection c = connect(server, password)) {
                var rs = c.createStatement().executeQuery("select v from kept");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("签到");
                assertThatThrownBy(() -> connect(server, null)).isInstanceOf(SQLException.class).hasMessageContaining("password");
                assertThat(setting(c, "fsync")).isEqualTo("on");
            }
        }
        assertThat(EmbeddedDatabaseConfig.trustsSomeone(Files.readAllLines(pg.resolve("pg_hba.conf")))).isFalse();
    }

    @Test
    void the_secrets_of_a_data_folder_are_generated_once_kept_owner_only_beside_it_and_read_again(@TempDir Path data)
            throws Exception {
        Path pg = data.resolve("pg");
        Properties first = DataFolderSecrets.loadOrCreate(pg);
        Path file = data.resolve("secrets.properties");
        assertThat(DataFolderSecrets.fileFor(pg)).isEqualTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.getProperty(DataFolderSecrets.DATABASE_PASSWORD)).hasSizeGreaterThanOrEqualTo(43);
        assertThat(first.getProperty(DataFolderSecrets.TOKEN_KEY)).isNotEqualTo(first.getProperty(DataFolderSecrets.REMEMBER_ME_KEY));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(DataFolderSecrets.loadOrCreate(pg)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    private static Connection connect(EmbeddedPostgres server, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + server.getPort() + "/postgres", p);
    }

    private static String setting(Connection c, String name) throws SQLException {
        var rs = c.createStatement().executeQuery("show " + name);
        rs.next();
        return rs.getString(1);
    }

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
