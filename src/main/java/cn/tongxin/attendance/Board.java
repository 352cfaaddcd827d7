package cn.tongxin.attendance;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The live board of one occasion: who is in, who is missing, counted by unit. */
public record Board(Occasion occasion, WindowState state, int expected, Map<AttendanceStatus, Integer> counts,
                    List<Row> signed, List<Row> missing, List<UnitCount> byUnit) implements Serializable {

    public record Row(long personId, String name, String unitName, AttendanceStatus status, SignInMethod method,
                      Instant at, String email) implements Serializable {
    }

    public record UnitCount(String unitName, int expected, int signed) implements Serializable {
    }

    public int count(AttendanceStatus status) {
        return counts.getOrDefault(status, 0);
    }
}
