package cn.tongxin.people;

import cn.tongxin.base.DomainException;

import java.util.Map;

/** A person's data broke {@link PersonRules}: field → translation key of the reason. */
public class InvalidPersonException extends DomainException {

    private final Map<String, String> fieldErrors;

    public InvalidPersonException(Map<String, String> fieldErrors) {
        super(fieldErrors.values().iterator().next());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
