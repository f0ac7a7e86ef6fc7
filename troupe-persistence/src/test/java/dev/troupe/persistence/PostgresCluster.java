package dev.troupe.persistence;

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
 * Debian package creates), in a directory that user owns. fsync is off: the tests prove semantics, not
 * durability against power loss.
 */
final class PostgresCluster implements AutoCloseable {
    static final String USER = "troupe";
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

    /** The directory holding initdb and pg_ctl: on the PATH, else the newest under /usr/lib/postgresql. */
    static Optional<Path> findBinaries() {
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

    /** Creates and starts a cluster with the binaries in {@code bin}. Blocks for a few seconds. */
    static PostgresCluster start(Path bin) throws IOException, InterruptedException {
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
                        "-h 127.0.0.1 -p " + cluster.port + " -k " + directory + " -F -c max_connections=200",
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
    String createDatabase() {
        String name = "troupe_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    String url(String database) {
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
