package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;

/**
 * What an uploaded roster would import: the good rows and the bad rows with their reasons.
 * Nothing has been written yet; {@link RosterImportService#importRows} writes it after the organizer confirms.
 */
public record RosterPreview(String fileName, List<RosterRow> goodRows, List<RosterProblem> badRows) implements Serializable {

    public RosterPreview {
        goodRows = List.copyOf(goodRows);
        badRows = List.copyOf(badRows);
    }

    public int totalRows() {
        return goodRows.size() + badRows.size();
    }

    public boolean hasProblems() {
        return !badRows.isEmpty();
    }
}
