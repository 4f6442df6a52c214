package dev.loomscope.jfr.read;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.procedures.LongObjectProcedure;

/** The types of one chunk, read from its metadata event: an element tree over a string table. */
final class Metadata {

    // By id in a primitive map: skipping a pooled value looks up the type of every field it holds.
    private final LongObjectHashMap<JfrType> types;
    private final Map<String, JfrType> typesByName = new HashMap<>();

    private Metadata(LongObjectHashMap<JfrType> types) {
        this.types = types;
        types.forEach((LongObjectProcedure<JfrType>) (id, type) -> typesByName.put(type.name(), type));
    }

    /** Reads the metadata event at the bytes' position. */
    static Metadata read(Bytes bytes) {
        int start = bytes.position();
        long size = bytes.varlong();
        if (bytes.varlong() != 0) {
            throw new DamagedRecordingException("no metadata where the chunk header points to it");
        }
        bytes.varlong(); // start time
        bytes.varlong(); // duration
        bytes.varlong(); // metadata id
        String[] strings = new String[bytes.length()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = Strings.read(bytes, null);
        }
        Element root = Element.read(bytes, strings, 0);
        if (bytes.position() != start + size) {
            throw new DamagedRecordingException("a metadata event whose size does not match its content");
        }
        LongObjectHashMap<JfrType> types = new LongObjectHashMap<>();
        for (Element metadata : root.children("metadata")) {
            for (Element type : metadata.children("class")) {
                List<JfrType.Field> fields = new ArrayList<>();
                for (Element field : type.children("field")) {
                    fields.add(new JfrType.Field(field.attribute("name"), field.number("class"),
                                                 field.attributes.containsKey("constantPool"),
                                                 field.number("dimension") > 0));
                }
                long id = type.number("id");
                types.put(id, new JfrType(id, type.attribute("name"), type.attributes.get("superType"),
                                          List.copyOf(fields)));
            }
        }
        return new Metadata(types);
    }

    JfrType type(long id) {
        return types.get(id);
    }

    /** The type of that name, or null. */
    JfrType type(String name) {
        return typesByName.get(name);
    }

    /** A node of the metadata tree. */
    private record Element(String name, Map<String, String> attributes, List<Element> elements) {

        private static final int MAX_DEPTH = 64;

        static Element read(Bytes bytes, String[] strings, int depth) {
            if (depth > MAX_DEPTH) {
                throw new DamagedRecordingException("metadata nested deeper than " + MAX_DEPTH + " levels");
            }
            String name = string(bytes, strings);
            int attributeCount = bytes.length();
            Map<String, String> attributes = new HashMap<>();
            for (int i = 0; i < attributeCount; i++) {
                attributes.put(string(bytes, strings), string(bytes, strings));
            }
            int childCount = bytes.length();
            List<Element> children = new ArrayList<>(childCount);
            for (int i = 0; i < childCount; i++) {
                children.add(read(bytes, strings, depth + 1));
            }
            return new Element(name, attributes, children);
        }

        private static String string(Bytes bytes, String[] strings) {
            int index = bytes.varint();
            if (index < 0 || index >= strings.length || strings[index] == null) {
                throw new DamagedRecordingException("a metadata string index out of range");
            }
            return strings[index];
        }

        List<Element> children(String elementName) {
            return elements.stream().filter(e -> e.name.equals(elementName)).toList();
        }

        String attribute(String key) {
            String value = attributes.get(key);
            if (value == null) {
                throw new DamagedRecordingException("a metadata " + name + " without " + key);
            }
            return value;
        }

        long number(String key) {
            String value = attributes.get(key);
            if (value == null) {
                return 0;
            }
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new DamagedRecordingException("a metadata " + name + " whose " + key + " is " + value);
            }
        }
    }
}
