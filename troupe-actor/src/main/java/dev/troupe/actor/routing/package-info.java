/**
 * Routers, pools and flow control, built on the actor API of {@code dev.troupe.actor}: {@link
 * dev.troupe.actor.routing.Routers} makes pool, group and balancing routers and request routers
 * (scatter-gather, tail-chopping); {@link dev.troupe.actor.routing.FlowControl} keeps a fast producer within a
 * slow consumer's window. See {@code docs/routing.md}.
 */
package dev.troupe.actor.routing;
