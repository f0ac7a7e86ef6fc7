/**
 * Remoting for Troupe: the same {@code ActorRef} and {@code tell}/{@code ask} whether an actor is local or on
 * another node, over Netty TCP with TLS on by default and an allow-list serialization.
 */
module dev.troupe.remote {
    requires transitive dev.troupe.actor;
}
