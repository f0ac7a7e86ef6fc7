/** Troupe's actor runtime: typed actors, behaviors, supervision trees and the dispatcher that runs them. */
module dev.troupe.actor {
    requires org.slf4j;
    exports dev.troupe.actor;
}
