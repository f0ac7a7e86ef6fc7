/**
 * Runnable examples of Troupe: the million-actor demo, the observer demo, the hello-actor snippet of the README
 * and the event-sourced bank account with its balance projection.
 */
module dev.troupe.examples {
    requires dev.troupe.actor;
    requires dev.troupe.observe;
    requires dev.troupe.persistence;
    requires java.sql;
    requires java.management;
    requires info.picocli;
    requires me.tongfei.progressbar;

    opens dev.troupe.examples to info.picocli;
    opens dev.troupe.examples.bank to com.fasterxml.jackson.databind; // the stored events and state
}
