package cn.tongxin;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTest {

    /** Features reach each other only through their public faces, and never in a cycle. */
    @Test
    void feature_modules_respect_their_boundaries() {
        ApplicationModules.of(Application.class).verify();
    }
}
