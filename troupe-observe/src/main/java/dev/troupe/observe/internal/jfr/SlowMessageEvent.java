package dev.troupe.observe.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * The processing of one message took longer than the threshold: 100 ms unless a recording's settings say
 * otherwise ({@code troupe.SlowMessage#threshold}). Timed by {@link SlowMessageHook}. No stack trace: it is
 * committed after the handler returned, so the stack would show the runtime, not the slow code (an execution
 * sample or a thread dump during the message does).
 */
@Name(SlowMessageEvent.NAME)
@Label("Slow Message")
@Description("An actor took longer than the threshold to process one message")
@Category("Troupe")
@Threshold("100 ms")
@StackTrace(false)
public final class SlowMessageEvent extends jdk.jfr.Event {
    public static final String NAME = "troupe.SlowMessage";

    @Label("Actor Path")
    String actorPath;

    @Label("Actor Type")
    @Description("The class of the actor's behavior, or the tag given with Props.withActorType")
    String actorType;

    @Label("Message Class")
    String messageClass;

    @Label("Failure Class")
    @Description("What the handler threw, if it threw")
    String failureClass;
}
