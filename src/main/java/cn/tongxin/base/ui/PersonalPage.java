package cn.tongxin.base.ui;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A page about the signed-in person's own study (their classes, sign-in, leave, record): the menu leaves it out
 * for accounts without a person record, such as an organizer's office account.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PersonalPage {
}
