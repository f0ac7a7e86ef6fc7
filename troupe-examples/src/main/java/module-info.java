/**
 * Runnable examples of Troupe: the IoT fleet simulation (the README's main demo), the WebSocket chat server with
 * its load generator, the event-sourced bank account with its balance projection, the million-actor demo, the
 * observer demo and the hello-actor snippet of the README.
 */
module dev.troupe.examples {
    requires dev.troupe.actor;
    requires dev.troupe.observe;
    requires dev.troupe.persistence;
    requires java.sql;
    requires java.management;
    requires jdk.management; // the load generator reads the process's file-descriptor limit
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    requires HdrHistogram; // an automatic module: its jar declares no name
    // Netty's jars declare these modules.
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires io.netty.transport.classes.epoll;

    opens dev.troupe.examples to info.picocli;
    opens dev.troupe.examples.chat to info.picocli;
    opens dev.troupe.examples.iot to info.picocli;
    opens dev.troupe.examples.bank to com.fasterxml.jackson.databind; // the stored events and state
}
