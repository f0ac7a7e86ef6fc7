package dev.troupe.examples.chat.internal;

import dev.troupe.actor.ActorContext;
import dev.troupe.actor.ActorRef;
import dev.troupe.actor.Behavior;
import dev.troupe.actor.Behaviors;
import dev.troupe.examples.chat.ChatCodec;
import dev.troupe.examples.chat.ChatSettings;
import dev.troupe.examples.chat.ClientFrame;
import dev.troupe.examples.chat.ServerFrame;
import dev.troupe.examples.chat.ServerFrame.ErrorCode;
import dev.troupe.examples.chat.SlowConsumerPolicy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The actor of one client connection: it owns the client's room memberships and everything written to the
 * channel. The Netty handler ({@link ChatFrameHandler}) only tells it what it read.
 *
 * <p><b>Lifecycle.</b> Spawned by the {@link Directory} when the channel becomes active, with reading off
 * (the server's {@code AUTO_READ} is false), so no frame arrives before the actor exists. In its setup it
 * publishes its ref on the channel, subscribes to the channel's close future and turns reading on. The close
 * future (rather than {@code channelInactive}) tells it that the channel is gone, because a listener added to a
 * completed future runs at once: a client that disconnects before the actor has started still stops it. It
 * stops on that; its rooms watch it and forget it, so nothing of the connection stays behind. Should it fail
 * instead, the directory, which watches it too, closes the channel.
 *
 * <p><b>Slow consumers.</b> Netty's outbound buffer is bounded by the channel's write-buffer water marks: above
 * the high mark the channel is not writable and this actor stops writing. What its rooms send meanwhile waits
 * in a queue of {@link ChatSettings#outboundCapacity()} frames; when that is full the policy decides: drop the
 * oldest frame (and report the count with a {@link ServerFrame.Dropped} when writing resumes) or close the
 * connection. The queue is this actor's own rather than a bounded mailbox, because the mailbox also carries the
 * client's own commands and the channel's events, which must never be dropped; and an actor cannot leave its
 * mailbox undrained while it waits for the socket. The actor itself drains its mailbox at CPU speed whatever
 * the socket does, so the queue is where a slow socket's backlog builds, and where it is bounded.
 *
 * <p><b>Flooding clients.</b> Reading pauses while too many of the client's frames are unfinished, a post
 * counting until its room has taken it ({@link InboundFlow}), so a client that sends faster than the server
 * handles its frames is slowed by TCP instead of growing mailboxes.
 *
 * <p><b>Batching.</b> The actor handles its mailbox in batches ({@link Behaviors#batching}): each frame is
 * written at once (so Netty counts it against the water marks) and the channel is flushed once per batch, so
 * that under load many frames share one system call.
 *
 * <p><b>Joining.</b> A join goes through the directory, which finds or spawns the room; the room answers with
 * {@link Message.RoomJoined}. Says and leaves the client sends for that room meanwhile wait, in order, and are
 * handled after the answer (at most {@value #MAX_PENDING_PER_ROOM} of them; more get an error).
 */
public final class Connection {

    /** Where the channel keeps its connection actor's ref, for the handler. */
    static final AttributeKey<ActorRef<Message>> ACTOR = AttributeKey.valueOf("troupe.chat.connection");

    /** Where the channel keeps its {@link InboundFlow}, for the handler. */
    static final AttributeKey<InboundFlow> FLOW = AttributeKey.valueOf("troupe.chat.inbound-flow");

    /** A client may be in this many rooms at once (a room costs the server a membership entry per member). */
    static final int MAX_ROOMS_PER_CONNECTION = 32;

    static final int MAX_PENDING_PER_ROOM = 64;

    /** Frames written between two flushes at most. */
    private static final int MAX_BATCH = 64;

    /** The messages of a connection actor. */
    public sealed interface Message {
        /** A well-formed frame the client sent. */
        record Inbound(ClientFrame frame) implements Message {}

        /** A frame the client sent that the handler could not accept. */
        record Refused(ErrorCode code, String reason) implements Message {}

        /** A frame for the client, already in JSON (a room encodes each message once for all its members). */
        record Deliver(String json) implements Message {}

        /**
         * The room has taken this connection's own post: {@code json} is the message for the client, as the
         * other members get it, or null if the room did not take it (the connection had left it meanwhile).
         */
        record Posted(String json) implements Message {}

        /** The room accepted a join; {@code joinedJson} is the {@link ServerFrame.Joined} for the client. */
        record RoomJoined(String room, ActorRef<Room.Message> roomRef, String joinedJson) implements Message {}

        /** The room (or the directory) refused a join. */
        record JoinRefused(String room, ErrorCode code, String reason) implements Message {}

        /** The channel's writability changed (either way: the actor reads the current state). */
        record WritabilityChanged() implements Message {}

        /** The channel has closed. */
        record ChannelClosed() implements Message {}

        /** Asks for this connection's outbound statistics. */
        record GetStats(ActorRef<ConnectionStats> replyTo) implements Message {}
    }

    private final ActorContext<Message> context;
    private final Channel channel;
    private final ActorRef<Directory.Message> directory;
    private final int capacity;
    private final SlowConsumerPolicy policy;
    private final Map<String, ActorRef<Room.Message>> rooms = new HashMap<>();
    private final Map<String, List<ClientFrame>> pendingJoins = new HashMap<>();
    private final ArrayDeque<String> outbound = new ArrayDeque<>();
    private final InboundFlow flow;
    /** Frames of the client finished in the current batch, reported to the flow once per batch. */
    private int finishedInBatch;
    private int maxBuffered;
    private long droppedTotal;
    private long droppedUnreported;
    private boolean closing;
    private boolean written;

    private Connection(ActorContext<Message> ctx, Channel channel, ActorRef<Directory.Message> directory,
                       ChatSettings settings, InboundFlow flow) {
        this.context = ctx;
        this.channel = channel;
        this.flow = flow;
        this.directory = directory;
        this.capacity = settings.outboundCapacity();
        this.policy = settings.slowConsumerPolicy();
    }

    static Behavior<Message> behavior(Channel channel, ActorRef<Directory.Message> directory, ChatSettings settings) {
        return Behaviors.setup(ctx -> {
            ActorRef<Message> self = ctx.self();
            InboundFlow flow = new InboundFlow(channel);
            channel.attr(ACTOR).set(self);
            channel.attr(FLOW).set(flow);
            channel.closeFuture().addListener(f -> self.tell(new Message.ChannelClosed()));
            channel.config().setAutoRead(true);
            Connection connection = new Connection(ctx, channel, directory, settings, flow);
            return Behaviors.batching(MAX_BATCH, connection::onBatch);
        });
    }

    private Behavior<Message> onBatch(List<Message> batch) {
        boolean stop = false;
        for (Message message : batch) {
            stop |= onMessage(message);
        }
        if (written) {
            written = false;
            channel.flush();
        }
        flow.finished(finishedInBatch);
        finishedInBatch = 0;
        return stop ? Behaviors.stopped() : Behaviors.same();
    }

    /** Handles one message; true if the actor should stop. */
    private boolean onMessage(Message message) {
        switch (message) {
            case Message.Inbound(ClientFrame frame) -> handle(frame);
            case Message.Refused(ErrorCode code, String reason) -> {
                error(code, reason);
                finishedInBatch++;
            }
            case Message.Deliver(String json) -> send(json);
            case Message.Posted(String json) -> {
                if (json != null) {
                    send(json);
                }
                finishedInBatch++;
            }
            case Message.RoomJoined(String room, ActorRef<Room.Message> roomRef, String joinedJson) -> {
                List<ClientFrame> waiting = pendingJoins.remove(room);
                rooms.put(room, roomRef);
                send(joinedJson);
                waiting.forEach(this::handle);
            }
            case Message.JoinRefused(String room, ErrorCode code, String reason) -> {
                List<ClientFrame> waiting = pendingJoins.remove(room);
                error(code, reason);
                waiting.forEach(this::handle);
            }
            case Message.WritabilityChanged() -> drain();
            case Message.ChannelClosed() -> {
                return true;
            }
            case Message.GetStats(ActorRef<ConnectionStats> replyTo) -> replyTo.tell(
                    new ConnectionStats(outbound.size(), maxBuffered, droppedTotal, flow.maxUnfinished()));
        }
        return false;
    }

    /**
     * Handles a frame of the client, now or after its room's join is answered. It is finished here, except a
     * post the room takes (finished by {@link Message.Posted}) and a frame parked until the join is answered
     * (finished when it is handled again).
     */
    private void handle(ClientFrame frame) {
        switch (frame) {
            case ClientFrame.Join(String room, String name) -> {
                if (rooms.containsKey(room) || pendingJoins.containsKey(room)) {
                    error(ErrorCode.ALREADY_JOINED, "already in room '" + room + "'");
                } else if (rooms.size() + pendingJoins.size() >= MAX_ROOMS_PER_CONNECTION) {
                    error(ErrorCode.LIMIT_REACHED, "a connection may be in " + MAX_ROOMS_PER_CONNECTION + " rooms");
                } else {
                    pendingJoins.put(room, new ArrayList<>());
                    directory.tell(new Directory.Message.JoinRoom(room, name, context.self()));
                }
                finishedInBatch++;
            }
            case ClientFrame.Say(String room, String text) -> {
                ActorRef<Room.Message> roomRef = rooms.get(room);
                if (roomRef != null) {
                    roomRef.tell(new Room.Message.Post(context.self(), text));
                } else {
                    waitForJoinOrRefuse(room, frame);
                }
            }
            case ClientFrame.Leave(String room) -> {
                ActorRef<Room.Message> roomRef = rooms.remove(room);
                if (roomRef != null) {
                    roomRef.tell(new Room.Message.Leave(context.self()));
                    finishedInBatch++;
                } else {
                    waitForJoinOrRefuse(room, frame);
                }
            }
        }
    }

    private void waitForJoinOrRefuse(String room, ClientFrame frame) {
        List<ClientFrame> waiting = pendingJoins.get(room);
        if (waiting == null) {
            error(ErrorCode.NOT_JOINED, "not in room '" + room + "'");
            finishedInBatch++;
        } else if (waiting.size() >= MAX_PENDING_PER_ROOM) {
            error(ErrorCode.LIMIT_REACHED, "too many frames for room '" + room + "' before its join was answered");
            finishedInBatch++;
        } else {
            waiting.add(frame);
        }
    }

    private void error(ErrorCode code, String reason) {
        send(ChatCodec.encode(new ServerFrame.Error(code, reason)));
    }

    // tag::slow-consumer[]
    private void send(String json) {
        if (closing) {
            return;
        }
        if (outbound.isEmpty() && channel.isWritable()) {
            write(json);
            return;
        }
        if (outbound.size() == capacity) {
            switch (policy) {
                case DROP_OLDEST -> {
                    outbound.poll();
                    droppedTotal++;
                    droppedUnreported++;
                }
                case DISCONNECT -> {
                    disconnectSlowConsumer();
                    return;
                }
            }
        }
        outbound.add(json);
        maxBuffered = Math.max(maxBuffered, outbound.size());
    }
    // end::slow-consumer[]

    private void drain() {
        if (closing || !channel.isWritable()) {
            return;
        }
        if (droppedUnreported > 0) {
            write(ChatCodec.encode(new ServerFrame.Dropped(droppedUnreported)));
            droppedUnreported = 0;
        }
        while (!outbound.isEmpty() && channel.isWritable()) {
            write(outbound.poll());
        }
    }

    private void write(String json) {
        channel.write(new TextWebSocketFrame(json), channel.voidPromise());
        written = true;
    }

    private void disconnectSlowConsumer() {
        closing = true;
        outbound.clear();
        context.log().info("Closing {}: {} frames waiting for it and it is not reading", channel, capacity);
        // The close frame is queued behind what the client has not read, so it may never get out: close anyway
        // once it is written or after a second.
        channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.POLICY_VIOLATION, "slow consumer"))
                .addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), 1, TimeUnit.SECONDS);
    }
}
