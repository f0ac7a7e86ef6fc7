/** Observability for Troupe actor systems; see the module's documentation and docs/observability.md. */
package dev.troupe.observe;
