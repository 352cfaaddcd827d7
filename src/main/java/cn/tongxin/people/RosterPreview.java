package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;

/**
 * What an uploaded roster would import: the good rows, the bad rows with their reasons, and the units the
 * organizer is asked to map. Nothing has been written yet; {@link RosterImportService#importRows} writes it
 * after the organizer confirms.
 */
public record RosterPreview(String fileName, List<RosterRow> goodRows, List<RosterProblem> badRows,
                            List<RosterUnitMatch> unitMatches) implements Serializable {

    public RosterPreview {
        goodRows = List.copyOf(goodRows);
        badRows = List.copyOf(badRows);
        unitMatches = List.copyOf(unitMatches);
    }

    public int totalRows() {
        return goodRows.size() + badRows.size();
    }

    public boolean hasProblems() {
        return !badRows.isEmpty();
    }

    /** The people the register already has (same identity number and name). */
    public long registeredCount() {
        return goodRows.stream().filter(RosterRow::registered).count();
    }

    public List<RosterRow> rowsWithWarnings() {
        return goodRows.stream().filter(r -> !r.warnings().isEmpty()).toList();
    }

    /** Rows the import writes with these choices (new people and, if chosen, updates). */
    public long writtenWith(RosterChoices choices) {
        return goodRows.stream().filter(r -> r.writtenWith(choices)).count();
    }

    /** Rows left out with these choices for a reason, not by choice: bad rows and rows whose unit is not mapped. */
    public long leftOutWith(RosterChoices choices) {
        return badRows.size() + goodRows.stream().filter(r -> r.leftOutWith(choices)).count();
    }
}
