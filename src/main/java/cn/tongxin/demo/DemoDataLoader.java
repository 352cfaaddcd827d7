package cn.tongxin.demo;

import cn.tongxin.security.SystemCaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo province on the first start of an empty database: by default only into the
 * embedded one ({@code tongxin.demo-data=auto}); {@code always} also into an empty external one; {@code never}.
 */
@Component
class DemoDataLoader implements ApplicationRunner {

    /** The password of every demo account (written in the README). */
    static final String DEMO_PASSWORD = "Tongxin@2026";
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoData demo;
    private final DemoRotation rotation;
    private final DemoLectures lectures;
    private final DemoRecords records;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String mode;
    private final boolean embedded;

    DemoDataLoader(DemoData demo, DemoRotation rotation, DemoLectures lectures, DemoRecords records, JdbcClient jdbc, TransactionTemplate transaction,
                   @Value("${tongxin.demo-data:auto}") String mode,
                   @Value("${spring.datasource.url:}") String datasourceUrl) {
        this.demo = demo;
        this.rotation = rotation;
        this.lectures = lectures;
        this.records = records;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.mode = mode;
        this.embedded = datasourceUrl.isBlank();
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = "always".equals(mode) || ("auto".equals(mode) && embedded);
        if (!wanted) {
            return;
        }
        boolean empty = jdbc.sql("select count(*) from unit").query(Long.class).single() == 0;
        if (!empty) {
            return;
        }
        log.info("Empty database: loading the demo province");
        SystemCaller.runAsSystem(() -> transaction.executeWithoutResult(s -> {
            DemoData.DemoAccounts accounts = demo.load(DEMO_PASSWORD);
            rotation.load(accounts);
            lectures.load(accounts);
            records.load(accounts);
        }));
    }
}
