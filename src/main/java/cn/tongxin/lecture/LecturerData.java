package cn.tongxin.lecture;

import java.io.Serializable;

/** What an organizer fills in about a lecturer. Free texts are trimmed; blank is none. */
public record LecturerData(String fields, String profile, boolean active) implements Serializable {

    public static final int FIELDS_MAX = 200;
    public static final int PROFILE_MAX = 2000;
}
