/** Runnable examples of Troupe: the million-actor demo, the observer demo and the hello-actor snippet of the README. */
module dev.troupe.examples {
    requires dev.troupe.actor;
    requires dev.troupe.observe;
    requires java.management;
    requires info.picocli;
    requires me.tongfei.progressbar;

    opens dev.troupe.examples to info.picocli;
}
