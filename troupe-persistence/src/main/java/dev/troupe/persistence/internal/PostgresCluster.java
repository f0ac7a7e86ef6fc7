package dev.troupe.persistence.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of the machine's own binaries (Debian's {@code postgresql} package): initdb in a
 * temporary directory, started on a free port of 127.0.0.1, stopped and deleted by {@link #close}. PostgreSQL
 * refuses to run as root, so as root the binaries run as the unprivileged user {@code postgres} (which the
 * Debian package creates), in a directory that user owns.
 *
 * <p>Not API: the module's PostgreSQL tests and the persistence benchmark (troupe-bench, which runs on the class
 * path) share it, so that both start their server the same way. It lives in main code because the benchmark is
 * an application, not a test.
 *
 * <p><b>Threading.</b> {@link #start} and {@link #close} block for seconds; {@link #createDatabase} may be called
 * from any thread. <b>Failures:</b> {@link #start} throws {@link IOException} with the tool's output and the
 * server log if initdb or pg_ctl fails, or if the user {@code postgres} is missing when run as root.
 */
public final class PostgresCluster implements AutoCloseable {
    /** The cluster's superuser, who connects without a password (trust authentication on 127.0.0.1). */
    public static final String USER = "troupe";
    private static final String UNPRIVILEGED_USER = "postgres";

    private final Path directory;
    private final Path bin;
    private final List<String> runAs;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path directory, Path bin, List<String> runAs, int port) {
        this.directory = directory;
        this.bin = bin;
        this.runAs = runAs;
        this.port = port;
    }

    /** What to say when {@link #findBinaries} finds nothing. */
    public static final String MISSING_BINARIES = "PostgreSQL's initdb and pg_ctl are neither on the PATH nor under "
            + "/usr/lib/postgresql/*/bin; install Debian's package with 'apt-get install -y postgresql'";

    /** The directory holding initdb and pg_ctl: on the PATH, else the newest under /usr/lib/postgresql. */
    public static Optional<Path> findBinaries() {
        Optional<Path> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "initdb"))
                .filter(Files::isExecutable)
                .map(initdb -> resolve(initdb).getParent())
                .filter(dir -> Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
        if (onPath.isPresent()) {
            return onPath;
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(dir -> Files.isExecutable(dir.resolve("initdb"))
                            && Files.isExecutable(dir.resolve("pg_ctl")))
                    .max(Comparator.comparing(dir -> dir.getParent().getFileName().toString(),
                            Comparator.comparingInt(PostgresCluster::majorVersion)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int majorVersion(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Path resolve(Path link) {
        try {
            return link.toRealPath();
        } catch (IOException e) {
            return link;
        }
    }

    /**
     * Creates and starts a cluster with the binaries in {@code bin}. Blocks for a few seconds. With {@code fsync}
     * false the server does not flush to disk (faster tests that prove semantics, not durability against power
     * loss); with true it runs with PostgreSQL's durable defaults ({@code fsync} and {@code synchronous_commit}
     * on).
     */
    public static PostgresCluster start(Path bin, boolean fsync) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path directory = Files.createTempDirectory("troupe-postgres");
        List<String> runAs = List.of();
        if (root) {
            UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(UNPRIVILEGED_USER); // throws if the user does not exist
            Files.setOwner(directory, owner);
            runAs = List.of("runuser", "-u", UNPRIVILEGED_USER, "--");
        }
        PostgresCluster initialized = new PostgresCluster(directory, bin, runAs, 0);
        initialized.run("initdb", "-D", directory.resolve("data").toString(), "-A", "trust", "-U", USER,
                "-E", "UTF8", "--no-sync");
        IOException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) { // another process may take the free port first
            PostgresCluster cluster = new PostgresCluster(directory, bin, runAs, freePort());
            try {
                cluster.run("pg_ctl", "-D", directory.resolve("data").toString(), "-l",
                        directory.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                        "-h 127.0.0.1 -p " + cluster.port + " -k " + directory + (fsync ? "" : " -F")
                                + " -c max_connections=200",
                        "start");
                return cluster;
            } catch (IOException e) {
                lastFailure = e;
            }
        }
        initialized.delete();
        throw lastFailure;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(String program, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(runAs);
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("troupe-postgres-" + program, ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                Path serverLog = directory.resolve("server.log");
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                        + ":\n" + Files.readString(output)
                        + (Files.exists(serverLog) ? "\nserver log:\n" + Files.readString(serverLog) : ""));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The JDBC URL of a new, empty database of this cluster. */
    public String createDatabase() {
        String name = "troupe_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server (immediately: its data is thrown away) and deletes the cluster's directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("pg_ctl", "-D", directory.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            delete();
        }
    }

    private void delete() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
