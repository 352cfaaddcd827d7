package cn.tongxin.record;

import java.io.Serializable;
import java.time.Instant;

/** One kept step of an entry: what was done, why (for a return), by whom and when. */
public record SelfStudyStep(SelfStudyAction action, String reason, String by, Instant at) implements Serializable {
}
