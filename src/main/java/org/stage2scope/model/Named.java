package org.stage2scope.model;

/** A value with the exact spelling it has in scenario files and reports. */
public interface Named {
    /** The spelling used in files, reports and the UI ("arm64", "VM_PFNMAP", "4K"). */
    String id();

    /** Looks up a value by its file spelling; null when none matches. */
    static <E extends Enum<E> & Named> E byId(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }

    /** The accepted spellings, for error messages ("expected one of ..."). */
    static <E extends Enum<E> & Named> String choices(Class<E> type) {
        StringBuilder sb = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('"').append(e.id()).append('"');
        }
        return sb.toString();
    }
}
