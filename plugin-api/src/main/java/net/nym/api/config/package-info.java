/**
 * Configuration files: TOML 1.0, one key per setting, a comment above every key, and a {@code
 * version} field so that a file written by an older {@code nym} is migrated or refused, never
 * misread.
 */
package net.nym.api.config;
