/**
 * Runnable examples of Troupe: the IoT fleet simulation (the README's main demo), the million-actor demo, the
 * observer demo and the hello-actor snippet of the README.
 */
module dev.troupe.examples {
    requires dev.troupe.actor;
    requires dev.troupe.observe;
    requires java.management;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires HdrHistogram; // an automatic module: its jar declares no name

    opens dev.troupe.examples to info.picocli;
    opens dev.troupe.examples.iot to info.picocli;
}
