package cn.tongxin.people;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A roster row that cannot be imported, with the row number as in Excel and every reason. */
public record RosterProblem(int rowNumber, String name, List<RosterIssue> issues) implements Serializable {

    public RosterProblem {
        issues = List.copyOf(issues);
    }

    public String message(Locale locale) {
        return issues.stream().map(i -> i.message(locale)).collect(Collectors.joining(" "));
    }
}
