package org.grantline.devtools;

import java.util.Arrays;

/**
 * DEVELOPMENT ONLY: the helpers {@code ./suite} runs next to the apps on one machine.
 * <pre>
 *   java -jar devtools.jar postgres DATA_DIR PORT DATABASE...   an embedded PostgreSQL server
 *   java -jar devtools.jar consul PORT                          a development agent speaking Consul's HTTP API
 * </pre>
 */
public final class DevTools {
    private DevTools() {
    }

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "postgres" -> DevPostgres.main(rest);
            case "consul" -> DevConsul.main(rest);
            default -> {
                System.err.println("usage: devtools.jar postgres DATA_DIR PORT DATABASE... | consul PORT");
                System.exit(2);
            }
        }
    }
}
