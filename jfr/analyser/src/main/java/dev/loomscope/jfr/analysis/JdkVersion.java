package dev.loomscope.jfr.analysis;

/** The recorded JVM's Java version, from the texts a recording holds. */
public final class JdkVersion {

    /** The first release with virtual threads as a final feature. */
    public static final int VIRTUAL_THREADS = 21;

    private JdkVersion() {
    }

    /**
     * The JRE version in jdk.JVMInformation's jvmVersion: "1.8.0_292-b10" of "OpenJDK 64-Bit Server VM (25.292-b10)
     * for linux-amd64 JRE (1.8.0_292-b10), built on ...". The first parentheses hold the VM's own version, which on
     * JDK 8 is HotSpot's (25.292) and in some vendors' strings "(TM)".
     */
    public static String ofJvmVersion(String text) {
        if (text == null) {
            return null;
        }
        int jre = text.indexOf("JRE (");
        if (jre >= 0) {
            int close = text.indexOf(')', jre);
            if (close > jre + 5) {
                return text.substring(jre + 5, close);
            }
        }
        return null;
    }

    /** The feature release of a version: 8 of "1.8.0_292-b10", 25 of "25.0.3+9-LTS"; null when it is not one. */
    public static Integer feature(String version) {
        if (version == null) {
            return null;
        }
        String v = version.startsWith("1.") ? version.substring(2) : version;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 4) {
            return null;
        }
        return Integer.parseInt(v, 0, end, 10);
    }

    /** Whether a recording of that version cannot hold virtual threads (null: unknown, so it may). */
    public static boolean withoutVirtualThreads(Integer feature) {
        return feature != null && feature < 19; // 19 and 20 had them as a preview
    }
}
