/**
 * Remoting for Troupe: the same {@code ActorRef} and {@code tell}/{@code ask} whether an actor is local or on
 * another node, over Netty TCP with TLS on by default and an allow-list serialization.
 */
module dev.troupe.remote {
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.cbor;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires transitive dev.troupe.actor;

    exports dev.troupe.remote;
}
