package cn.tongxin.lecture;

import java.io.Serializable;
import java.time.LocalDate;

/** A topic one may follow the campaign of, with the period in which it is current. */
public record CampaignTopic(long id, String title, String unitName, LocalDate currentFrom, LocalDate currentTo)
        implements Serializable {
}
