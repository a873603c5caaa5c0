package io.trainbus.deploy;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The configuration a service understands: the keys of its {@code application.properties} and the properties of
 * its {@code @ConfigMapping} interfaces, found in its sources and in services/common (whose storage settings every
 * service uses) and read by reflection from the compiled classes.
 */
final class ServiceConfig {

    private final String service;
    private final Properties applicationProperties;
    private final Set<String> propertyNames;

    private ServiceConfig(String service, Properties applicationProperties, Set<String> propertyNames) {
        this.service = service;
        this.applicationProperties = applicationProperties;
        this.propertyNames = propertyNames;
    }

    /**
     * Reads a service's configuration.
     *
     * @param service folder name under services/, for example {@code trainer}
     * @return its properties
     */
    static ServiceConfig load(String service) throws IOException {
        Path properties = Repository.resolve("services/" + service + "/src/main/resources/application.properties");
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(properties)) {
            loaded.load(reader);
        }
        Set<String> names = new TreeSet<>();
        for (String key : loaded.stringPropertyNames()) {
            names.add(withoutProfile(key));
        }
        for (Class<?> mapping : configMappings(service)) {
            ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
            collectProperties(mapping, annotation.prefix(), names);
        }
        return new ServiceConfig(service, loaded, names);
    }

    String service() {
        return service;
    }

    /** Returns every property name the service reads, without profile prefixes such as {@code %test.}. */
    Set<String> propertyNames() {
        return propertyNames;
    }

    /** Returns the value of a key in application.properties (default profile), or null. */
    String property(String key) {
        return applicationProperties.getProperty(key);
    }

    int httpPort() {
        return Integer.parseInt(property("quarkus.http.port"));
    }

    /** Returns the Kafka topics of the service's incoming and outgoing channels. */
    Set<String> topics() {
        Set<String> topics = new TreeSet<>();
        for (String key : applicationProperties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                topics.add(applicationProperties.getProperty(key));
            }
        }
        return topics;
    }

    /**
     * Converts a property name to the environment variable that MicroProfile Config maps to it: every character
     * other than a letter or digit becomes an underscore, and the result is upper-cased.
     */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Returns whether an environment variable sets one of the service's properties. */
    boolean readsEnvironmentVariable(String name) {
        return propertyNames.stream().anyMatch(property -> environmentName(property).equals(name));
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static List<Class<?>> configMappings(String service) throws IOException {
        List<Class<?>> mappings = new ArrayList<>();
        for (String module : List.of("services/" + service, "services/common")) {
            Path sources = Repository.resolve(module + "/src/main/java");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    if (Files.readString(file).contains("@ConfigMapping(")) {
                        mappings.add(loadClass(sources, file));
                    }
                }
            }
        }
        return mappings;
    }

    private static Class<?> loadClass(Path sources, Path file) {
        String relative = sources.relativize(file).toString();
        String name = relative.substring(0, relative.length() - ".java".length()).replace(file.getFileSystem()
                .getSeparator(), ".");
        try {
            return Class.forName(name, false, ServiceConfig.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is in the sources but not on the test classpath: build the "
                    + "service first (mvn -B -DskipTests install)", e);
        }
    }

    private static void collectProperties(Class<?> group, String prefix, Set<String> names) {
        for (Method method : group.getDeclaredMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String name = prefix;
            if (!method.isAnnotationPresent(WithParentName.class)) {
                WithName withName = method.getAnnotation(WithName.class);
                name = prefix + "." + (withName != null ? withName.value() : kebabCase(method.getName()));
            }
            Class<?> type = method.getReturnType();
            // A trainbus interface as return type is a nested group of properties, not a value.
            if (type.isInterface() && type.getName().startsWith("io.trainbus.")) {
                collectProperties(type, name, names);
            } else {
                names.add(name);
            }
        }
    }

    /** Converts a method name to SmallRye Config's default property name, for example maxBytes to max-bytes. */
    static String kebabCase(String methodName) {
        StringBuilder name = new StringBuilder();
        for (char c : methodName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                name.append('-').append(Character.toLowerCase(c));
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }
}
