package cn.tongxin.people;

import java.io.Serializable;

/** How many people a roster import added, and how many bad rows it left out. */
public record RosterImportResult(int imported, int skipped) implements Serializable {
}
