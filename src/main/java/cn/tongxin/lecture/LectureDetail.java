package cn.tongxin.lecture;

import cn.tongxin.people.PersonOption;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** A lecture as its page shows it: what was saved, its state, and the names behind the ids. */
public record LectureDetail(long id, LectureData data, LectureStatus status, String cancelReason, int version,
                            int icsSequence, String topicTitle, String unitName, String unitPath, String groupName,
                            String venueName, String venueAddress, List<PersonOption> lecturers, Long orderId,
                            int invited, int confirmed, int declined, Instant publishedAt) implements Serializable {

    /** Where it takes place, in words: the venue (and the room typed in), or the place alone. */
    public String where() {
        String place = data.place() == null ? "" : data.place().trim();
        if (venueName == null) {
            return place;
        }
        return place.isEmpty() ? venueName : venueName + " " + place;
    }
}
