package cn.tongxin.base;

/**
 * A rule of the domain said no. Carries a translation key (and its arguments) so that
 * the view can tell the person why, in their language.
 */
public class DomainException extends RuntimeException {

    private final String key;
    private final transient Object[] args;

    public DomainException(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = args;
    }

    public String key() {
        return key;
    }

    public Object[] args() {
        return args.clone();
    }
}
