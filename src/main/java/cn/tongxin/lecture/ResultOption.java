package cn.tongxin.lecture;

import java.io.Serializable;

/** Something results can be asked for (a lecture, a lecturer, a topic), with its label. */
public record ResultOption(long id, String label) implements Serializable {
}
