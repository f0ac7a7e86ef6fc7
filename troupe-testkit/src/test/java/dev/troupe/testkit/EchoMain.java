package dev.troupe.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** The child of {@link ChildJvmTest}: says "ready", echoes each input line as "echo …", exits on "exit N". */
public final class EchoMain {
    private EchoMain() {}

    public static void main(String[] args) throws IOException {
        System.err.println("started with " + String.join(" ", args));
        System.out.println("ready " + String.join(" ", args));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("exit ")) {
                System.err.println("exiting on request");
                System.exit(Integer.parseInt(line.substring(5)));
            }
            System.out.println("echo " + line);
        }
    }
}
