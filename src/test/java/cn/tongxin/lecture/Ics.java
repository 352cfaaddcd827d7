package cn.tongxin.lecture;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/** Reads an .ics back with ical4j (what calendar programs do), for the lecture tests. */
final class Ics {

    private Ics() {
    }

    static Calendar parse(String text) {
        try {
            return new CalendarBuilder().build(new StringReader(text));
        } catch (Exception e) {
            throw new AssertionError("ical4j cannot read it: " + e + "\n" + text, e);
        }
    }

    static List<VEvent> events(Calendar calendar) {
        return calendar.getComponents(Component.VEVENT);
    }

    static Optional<VEvent> event(Calendar calendar, String uid) {
        return events(calendar).stream().filter(e -> uid.equals(value(e, Property.UID))).findFirst();
    }

    static String value(Calendar calendar, String property) {
        return calendar.getProperty(property).map(Property::getValue).orElse(null);
    }

    static String value(Component component, String property) {
        return component.getProperty(property).map(Property::getValue).orElse(null);
    }

    /** A parameter of a property (TZID of DTSTART), or null. */
    static String parameter(Component component, String property, String parameter) {
        return component.getProperty(property)
                .flatMap(p -> p.<net.fortuna.ical4j.model.Parameter>getParameter(parameter))
                .map(net.fortuna.ical4j.model.Parameter::getValue).orElse(null);
    }
}
