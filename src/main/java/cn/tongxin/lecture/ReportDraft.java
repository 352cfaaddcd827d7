package cn.tongxin.lecture;

import java.util.List;
import java.util.Set;

/**
 * What the lecturer sends with a report: the attendance, the summary, new photos and the ids of stored photos to drop.
 * {@code expectedVersion} is null for the first filing and the version read otherwise.
 */
public record ReportDraft(Integer expectedVersion, int actualCount, String summary, List<PhotoFile> newPhotos,
                          Set<Long> removedPhotoIds) {

    public ReportDraft {
        newPhotos = newPhotos == null ? List.of() : List.copyOf(newPhotos);
        removedPhotoIds = removedPhotoIds == null ? Set.of() : Set.copyOf(removedPhotoIds);
    }
}
