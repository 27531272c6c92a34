package dev.vpnc.emit;

import freemarker.template.DefaultObjectWrapper;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Shows the views, which are records, to the templates as read-only hashes: {@code host.name}
 * reads the component {@code name}, and a public method without arguments reads the same way
 * ({@code tunnel.peerEndpointHost}). Templates call no methods. An enum prints as its name.
 * Lists, maps, strings, numbers and booleans are wrapped as FreeMarker always does.
 *
 * <p>Why not FreeMarker's bean wrapper: it describes each class through {@code java.beans}, which
 * costs about 30 ms of a 0.3 s compile of a small network (a BeanInfo and a Customizer class
 * looked up, and not found, for each of some 30 classes). Records need none of that.
 */
final class RecordWrapper extends DefaultObjectWrapper {
    /** Per record class, its readable members by name. */
    private static final ClassValue<Map<String, Method>> MEMBERS = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return members(type);
        }
    };

    /** Every record has these; a template has no use for them. */
    private static final Set<String> OBJECT_METHODS = Set.of("hashCode", "toString");

    RecordWrapper(Version version) {
        super(version);
    }

    @Override
    protected TemplateModel handleUnknownType(Object obj) throws TemplateModelException {
        if (obj instanceof Record record) {
            return new RecordModel(record, MEMBERS.get(record.getClass()), this);
        }
        if (obj instanceof Enum<?> constant) {
            return new SimpleScalar(constant.toString());
        }
        return super.handleUnknownType(obj);
    }

    private static Map<String, Method> members(Class<?> type) {
        Map<String, Method> members = new HashMap<>();
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && !Modifier.isStatic(mod) && m.getParameterCount() == 0
                    && m.getReturnType() != void.class && !m.isSynthetic() && !OBJECT_METHODS.contains(m.getName())) {
                // Views nested in package-private classes are not public to FreeMarker's package.
                m.setAccessible(true);
                members.put(m.getName(), m);
            }
        }
        return Map.copyOf(members);
    }

    /** One record, read through its members. */
    private record RecordModel(Record record, Map<String, Method> members, RecordWrapper wrapper) implements TemplateHashModel {
        @Override
        public TemplateModel get(String key) throws TemplateModelException {
            Method m = members.get(key);
            if (m == null) {
                // FreeMarker reports the expression as missing, with its place in the template.
                return null;
            }
            try {
                return wrapper.wrap(m.invoke(record));
            } catch (IllegalAccessException e) {
                throw new TemplateModelException("cannot read " + key + " of " + record.getClass().getSimpleName(), e);
            } catch (InvocationTargetException e) {
                throw new TemplateModelException(key + " of " + record.getClass().getSimpleName() + " failed: " + e.getCause(), e.getCause());
            }
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
