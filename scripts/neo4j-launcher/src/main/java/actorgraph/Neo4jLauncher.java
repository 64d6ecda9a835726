package actorgraph;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.kernel.impl.security.User;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.NullLogProvider;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.server.security.SecureHasher;
import org.neo4j.server.security.SystemGraphCredential;
import org.neo4j.server.security.auth.CommunitySecurityModule;
import org.neo4j.server.security.auth.FileUserRepository;

/**
 * Starts a real Neo4j Community DBMS in this JVM with the Bolt connector on
 * 127.0.0.1:PORT, authentication on, and the password of user {@code neo4j}
 * set to the one given. Used by scripts/neo4j; not part of the Go service.
 *
 * <pre>
 * java -cp "target/neo4j-launcher-1.jar:$(cat target/classpath.txt)" actorgraph.Neo4jLauncher \
 *      --port 7687|0 --home /path/to/neo4j-home --password-file /path/to/file [--pagecache 256m]
 * </pre>
 *
 * The password is read from --password-file (first line), or else from the
 * environment variable NEO4J_PASSWORD, so that it never shows in `ps`.
 * Prints {@code NEO4J_READY bolt://127.0.0.1:PORT} once Bolt accepts
 * connections and the password is in force (with --port 0 the kernel picks a
 * free port, and the line names it); shuts the DBMS down cleanly on
 * SIGTERM/SIGINT and prints {@code NEO4J_STOPPED}.
 */
public final class Neo4jLauncher {
    private static final PrintStream OUT = System.out;

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parseArgs(args);
        int port = Integer.parseInt(require(opts, "port"));
        Path home = Path.of(require(opts, "home")).toAbsolutePath();
        String pagecache = opts.getOrDefault("pagecache", "256m");
        String password = readPassword(opts);
        if (password.length() < 8) {
            fail("the password must have at least 8 characters (Neo4j's default minimum)");
        }
        Files.createDirectories(home);

        long t0 = System.nanoTime();
        // Where this launcher notes (as a SHA-256 digest) the password it last put in
        // force, so that a restart with the same password needs no Cypher at all.
        Path marker = home.resolve("actorgraph-password.sha256");
        boolean fresh = !Files.isDirectory(home.resolve("data").resolve("databases").resolve("system"));
        if (fresh) {
            writeInitialPassword(home, password);
        }
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // No anonymous usage reports to neo4j.com (this machine has no such network anyway).
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Shut Bolt down in about a second rather than 10 s (two 5 s Netty quiet periods).
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache))
                // No server-side routing connector (it would listen on *:7688).
                .setConfig(GraphDatabaseSettings.routing_enabled, false)
                // Keep the transaction logs of a test database small on disk.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
                .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, 32L << 20)
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            OUT.println("NEO4J_STOPPING");
            OUT.flush();
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
            OUT.println("NEO4J_STOPPED");
            OUT.flush();
            stopped.countDown();
        }, "neo4j-launcher-shutdown"));

        int boltPort = port;
        try {
            String digest = digest(password);
            String noted = Files.exists(marker) ? Files.readString(marker).strip() : "";
            if (fresh) {
                OUT.println("NEO4J_PASSWORD_SET (initial password of a new DBMS)");
            } else if (digest.equals(noted)) {
                OUT.println("NEO4J_PASSWORD_UNCHANGED");
            } else {
                setPassword(dbms, password);
            }
            Files.writeString(marker, digest + "\n");
            if (port == 0) {
                // Port 0: the kernel chose a free port; ask Neo4j which.
                GraphDatabaseAPI api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
                boltPort = api.getDependencyResolver()
                        .resolveDependency(ConnectorPortRegister.class)
                        .getLocalAddress(ConnectorType.BOLT)
                        .getPort();
            }
            waitForBolt(boltPort, Duration.ofSeconds(60));
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // runs the shutdown hook
        }

        OUT.printf("NEO4J_READY bolt://127.0.0.1:%d port=%d pid=%d started_in_ms=%d%n",
                boltPort, boltPort, ProcessHandle.current().pid(),
                (System.nanoTime() - t0) / 1_000_000);
        OUT.flush();
        stopped.await();
    }

    /**
     * Writes data/dbms/auth.ini exactly as {@code neo4j-admin dbms set-initial-password}
     * does: a new DBMS reads it when it creates its system database, so user neo4j
     * starts with this password and no "change required" flag, and Bolt never
     * serves the default neo4j/neo4j.
     */
    private static void writeInitialPassword(Path home, String password) throws IOException {
        Config cfg = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home).build();
        Path authFile = CommunitySecurityModule.getInitialUserRepositoryFile(cfg);
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction()) {
            fs.mkdirs(authFile.getParent());
            if (fs.fileExists(authFile)) {
                fs.deleteFile(authFile);
            }
            FileUserRepository repo = new FileUserRepository(
                    fs, authFile, NullLogProvider.getInstance(), EmptyMemoryTracker.INSTANCE);
            repo.start();
            repo.create(new User("neo4j", null,
                    SystemGraphCredential.createCredentialForPassword(
                            password.getBytes(StandardCharsets.UTF_8), new SecureHasher()),
                    false, false));
            repo.shutdown();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not write the initial password file", e);
        }
    }

    private static String digest(String password) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update("actorgraph-neo4j-launcher:".getBytes(StandardCharsets.UTF_8));
        md.update(password.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder();
        for (byte b : md.digest()) sb.append(String.format("%02x", b));
        return sb.toString();
    }

    /**
     * Sets the password of user neo4j through the system database, and clears the
     * "change required" flag that a fresh DBMS puts on the default password. On a
     * restart with the same password Neo4j refuses the change as "the same"; that is
     * the state we want, so it is not an error.
     */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
            OUT.println("NEO4J_PASSWORD_SET (ALTER USER on the system database)");
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()) + " " + String.valueOf(e.getCause());
            if (msg.toLowerCase().contains("same")) {
                OUT.println("NEO4J_PASSWORD_UNCHANGED (ALTER USER: already set)");
            } else {
                throw e;
            }
        }
    }

    private static void waitForBolt(int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("Bolt did not accept connections on 127.0.0.1:" + port, last);
    }

    private static String readPassword(Map<String, String> opts) throws IOException {
        String file = opts.get("password-file");
        if (file != null) {
            String s = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int nl = s.indexOf('\n');
            return (nl >= 0 ? s.substring(0, nl) : s).strip();
        }
        String env = System.getenv("NEO4J_PASSWORD");
        if (env == null || env.isEmpty()) {
            fail("no password: give --password-file FILE or set NEO4J_PASSWORD");
        }
        return env;
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase();
        long mult = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k') mult = 1L << 10;
        else if (last == 'm') mult = 1L << 20;
        else if (last == 'g') mult = 1L << 30;
        if (mult != 1) v = v.substring(0, v.length() - 1);
        return Long.parseLong(v) * mult;
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) fail("unexpected argument: " + a);
            String key = a.substring(2);
            String val;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                val = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else {
                if (i + 1 >= args.length) fail("missing value for " + a);
                val = args[++i];
            }
            m.put(key, val);
        }
        return m;
    }

    private static String require(Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null || v.isEmpty()) fail("missing --" + key);
        return v;
    }

    private static void fail(String msg) {
        System.err.println("neo4j-launcher: " + msg);
        System.exit(2);
    }
}
