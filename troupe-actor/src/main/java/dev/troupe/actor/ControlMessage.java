package dev.troupe.actor;

/**
 * Marks messages that a {@linkplain MailboxSelector#controlAware() control-aware mailbox} delivers ahead of
 * ordinary ones (among themselves in arrival order). Implement it on the records of a protocol that must not
 * wait behind a backlog, such as a shutdown or a configuration change. Other mailboxes ignore it.
 */
public interface ControlMessage {}
