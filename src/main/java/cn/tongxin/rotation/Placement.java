package cn.tongxin.rotation;

/** One proposed seat: this person into this class. */
public record Placement(long personId, String personName, String unitName, String sectorName, long classId,
                        String classTitle) {

    public Placement inClass(long otherClassId, String otherTitle) {
        return new Placement(personId, personName, unitName, sectorName, otherClassId, otherTitle);
    }
}
