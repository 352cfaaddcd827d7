package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * The feedback on one lecture, or on all lectures of a lecturer or a topic in the caller's scope: per question the
 * average, the number of ratings and their distribution over 1–5; the comments, anonymous ones without a name.
 */
public record FeedbackResults(int lectures, int answers, List<QuestionResult> questions, List<Comment> comments)
        implements Serializable {

    /** {@code distribution[k]} is the number of ratings {@code k + 1}; {@code average} is 0 when nobody rated. */
    public record QuestionResult(FeedbackQuestion question, int count, double average, int[] distribution)
            implements Serializable {
    }

    /** {@code author} is null for an anonymous comment. */
    public record Comment(long lectureId, String lectureTitle, LocalDate givenOn, String author, String text)
            implements Serializable {
    }
}
