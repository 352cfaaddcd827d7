package cn.tongxin.people;

/** Province → city → county, plus the member units of the united-front leading group. */
public enum UnitKind {
    PROVINCE, CITY, COUNTY, MEMBER
}
